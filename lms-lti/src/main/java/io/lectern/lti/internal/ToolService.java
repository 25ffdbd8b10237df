package io.lectern.lti.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.text.RandomCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Registration of LTI tools by admins: checks what the platform will rely on, then stores it. */
@ApplicationScoped
public class ToolService {

  private static final Pattern CUSTOM_KEY = Pattern.compile("[a-z0-9_]{1,64}");
  private static final String CLIENT_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  @Inject ToolRepository tools;
  @Inject ToolKeys keys;
  @Inject LtiRepository store;
  @Inject io.lectern.courses.api.CourseCatalog catalog;
  @Inject Clock clock;

  @Transactional
  public Tool register(ToolDefinition definition) {
    check(definition);
    UUID id = UUID.randomUUID();
    String clientId = RandomCodes.grouped("lectern", 4, CLIENT_ID_ALPHABET);
    tools.insert(id, clientId, definition, clock.instant());
    return tools.find(id).orElseThrow();
  }

  @Transactional
  public Tool replace(UUID id, ToolDefinition definition) {
    check(definition);
    if (!tools.update(id, definition, clock.instant())) {
      throw LtiErrors.toolNotFound();
    }
    keys.forget(id);
    return tools.find(id).orElseThrow();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Tool get(UUID id) {
    return tools.find(id).orElseThrow(LtiErrors::toolNotFound);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Tool> list(PageRequest paging) {
    return tools.list(paging);
  }

  /** Deletes a tool no lesson launches (409 otherwise: delete or relink those lessons first). */
  @Transactional
  public void delete(UUID id) {
    if (tools.find(id).isEmpty()) {
      throw LtiErrors.toolNotFound();
    }
    List<UUID> linked = store.linkedLessons(id);
    List<UUID> gone = linked.stream().filter(l -> catalog.findLesson(l).isEmpty()).toList();
    if (gone.size() < linked.size()) {
      throw LmsException.conflict(
          "lti.tool-in-use", "Lessons launch this tool; delete those lessons before the tool.");
    }
    store.deleteLinks(gone);
    tools.delete(id);
    keys.forget(id);
  }

  private void check(ToolDefinition d) {
    url("loginUrl", d.loginUrl());
    url("targetLinkUri", d.targetLinkUri());
    if (d.deepLinkingUrl() != null) {
      url("deepLinkingUrl", d.deepLinkingUrl());
    }
    for (int i = 0; i < d.redirectUris().size(); i++) {
      url("redirectUris[" + i + "]", d.redirectUris().get(i));
    }
    if ((d.jwksUrl() == null) == (d.publicKeyPem() == null)) {
      throw LmsException.invalidField(
          "lti.tool-key", "jwksUrl", "give exactly one of jwksUrl and publicKeyPem");
    }
    if (d.jwksUrl() != null) {
      url("jwksUrl", d.jwksUrl());
    } else if (ToolKeys.parsePem(d.publicKeyPem()).isEmpty()) {
      throw LmsException.invalidField(
          "lti.tool-key", "publicKeyPem", "must be an RSA public key in PEM (BEGIN PUBLIC KEY)");
    }
    if (new HashSet<>(d.deploymentIds()).size() != d.deploymentIds().size()) {
      throw LmsException.invalidField(
          "lti.tool-deployments", "deploymentIds", "must not repeat a deployment id");
    }
    for (Map.Entry<String, String> entry : d.custom().entrySet()) {
      if (!CUSTOM_KEY.matcher(entry.getKey()).matches()) {
        throw LmsException.invalidField(
            "lti.tool-custom",
            "custom",
            "keys are 1 to 64 characters of a-z, 0-9 and _ ('" + shorten(entry.getKey()) + "')");
      }
    }
  }

  /** An absolute http(s) URL with a host, without a fragment (OAuth redirect URI rules). */
  static void url(String field, String value) {
    try {
      URI uri = new URI(value);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (web && uri.getHost() != null && uri.getRawFragment() == null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw LmsException.invalidField(
        "lti.tool-url", field, "must be an absolute http or https URL without a fragment");
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  static List<String> nonNull(List<String> list) {
    return list == null ? List.of() : list;
  }
}
