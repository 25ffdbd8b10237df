package io.lectern.app.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.OAuthFlows;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI document into a contract clients and tools can rely on: every
 * error answer an operation can give is listed with the problem+json schema (those that hold for
 * any operation of its kind are added here, the specific ones are declared on the resource
 * methods), and optional properties are marked nullable, since the API reads an absent and a null
 * field alike and writes some absent values as null.
 */
public class ContractFilter implements OASFilter {

  static final String PROBLEM = "Problem";
  static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
  static final String RETRY_AFTER = "Retry-After";
  static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
  static final String RATE_LIMIT = "RateLimit";

  /** The one scope of the OAuth 2.0 flow (LecternApplication's security requirement names it). */
  static final String OAUTH_SCOPE = "lectern";

  /** What the scanner writes for {@code @NotBlank}: a search for one non-space, left as it is. */
  private static final String NOT_BLANK_SEARCH = "\\S";

  /**
   * Operations anyone may call whatever their role: the sign-ins, the public catalogue and the
   * issuer documents.
   */
  private static final Set<String> OPEN_TO_EVERY_ROLE =
      Set.of(
          "/api/v1/auth/register",
          "/api/v1/auth/login",
          "/api/v1/auth/refresh",
          "/api/v1/auth/logout",
          "/api/v1/auth/token",
          "/api/v1/public/auth/login",
          "/api/v1/public/auth/refresh",
          "/api/v1/auth/oidc/providers",
          "/api/v1/auth/oidc/{provider}/login",
          "/api/v1/auth/oidc/{provider}/callback",
          "/api/v1/auth/oidc/exchange",
          "/api/v1/courses",
          "/api/v1/certificates/verify/{number}",
          "/.well-known/jwks.json",
          "/.well-known/openid-configuration");

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Components components = openApi.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openApi.setComponents(components);
    }
    components.addSchema(PROBLEM, problemSchema());
    components.addSchema("Violation", violationSchema());
    addRateLimitHeaders(components);
    if (components.getSecuritySchemes() != null) {
      components.getSecuritySchemes().values().forEach(ContractFilter::declareScopes);
    }
    if (components.getSchemas() != null) {
      components.getSchemas().values().forEach(ContractFilter::anchorPatterns);
      Map<String, Schema> schemas = components.getSchemas();
      schemas.values().forEach(schema -> markOptionalNullable(schema, schemas));
    }
    if (openApi.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> entry :
          path.getValue().getOperations().entrySet()) {
        if (entry.getValue().getParameters() != null) {
          entry.getValue().getParameters().forEach(p -> anchorPatterns(p.getSchema()));
        }
        completeResponses(path.getKey(), path.getValue(), entry.getKey(), entry.getValue());
      }
    }
  }

  private static void completeResponses(
      String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    addIfAbsent(
        responses, "400", "Invalid request: a malformed or invalid parameter, address or body");
    addIfAbsent(
        responses,
        "401",
        "No valid bearer token where one is needed, or an invalid or expired one was sent");
    if (!OPEN_TO_EVERY_ROLE.contains(path)
        || (method != PathItem.HttpMethod.GET && path.equals("/api/v1/courses"))) {
      addIfAbsent(
          responses, "403", "The caller's role or relation to the object does not allow this");
    }
    addIfAbsent(
        responses, "406", "The Accept header asks for a media type the endpoint cannot produce");
    if (hasPathParameters(item, operation)) {
      addIfAbsent(responses, "404", "No such object, or one the caller may not know exists");
    }
    if (operation.getRequestBody() != null) {
      addIfAbsent(responses, "413", "The request body is larger than the limit");
      addIfAbsent(responses, "415", "The request body's media type is not accepted");
    }
    addIfAbsent(
        responses,
        "429",
        "Too many requests of the operation's limit class (reads, writes or sign-in) by this caller"
            + " in the current window; see Retry-After and the RateLimit fields");
    declareRateLimitHeaders(responses.getAPIResponse("429"));
    addIfAbsent(
        responses, "500", "An unexpected error; the problem's errorId is in the server log");
    for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
      // Errors are problem+json, except where an operation declares its own (an HTML page's).
      if (isError(response.getKey())
          && response.getValue().getRef() == null
          && response.getValue().getContent() == null) {
        response.getValue().setContent(problemContent());
      }
    }
  }

  /**
   * The fields every rate-limited answer carries (draft-ietf-httpapi-ratelimit-headers), as
   * reusable header components.
   */
  private static void addRateLimitHeaders(Components components) {
    components.addHeader(
        RETRY_AFTER, header("Seconds until the caller may try again", Schema.SchemaType.INTEGER));
    components.addHeader(
        RATE_LIMIT_POLICY,
        header(
            "The limit class as a structured field: name, quota q and window w in seconds,"
                + " e.g. \"writes\";q=300;w=60",
            Schema.SchemaType.STRING));
    components.addHeader(
        RATE_LIMIT,
        header(
            "The caller's standing: name, remaining requests r and seconds to reset t,"
                + " e.g. \"writes\";r=0;t=21",
            Schema.SchemaType.STRING));
  }

  private static Header header(String description, Schema.SchemaType type) {
    return OASFactory.createHeader()
        .description(description)
        .schema(OASFactory.createSchema().type(type));
  }

  private static void declareRateLimitHeaders(APIResponse response) {
    for (String name : List.of(RETRY_AFTER, RATE_LIMIT_POLICY, RATE_LIMIT)) {
      if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
        response.addHeader(name, OASFactory.createHeader().ref("#/components/headers/" + name));
      }
    }
  }

  /**
   * OpenAPI wants at least one scope per OAuth flow: one nominal scope, which the document's
   * security requirement names (see LecternApplication). Tokens carry the account's role; the scope
   * a client asks for is ignored.
   */
  private static void declareScopes(SecurityScheme scheme) {
    OAuthFlows flows = scheme.getFlows();
    if (flows == null) {
      return;
    }
    for (OAuthFlow flow :
        new OAuthFlow[] {
          flows.getPassword(),
          flows.getAuthorizationCode(),
          flows.getClientCredentials(),
          flows.getImplicit()
        }) {
      if (flow != null && (flow.getScopes() == null || flow.getScopes().isEmpty())) {
        flow.addScope(OAUTH_SCOPE, "Act as the signed-in account, as far as its role allows");
      }
    }
  }

  private static boolean hasPathParameters(PathItem item, Operation operation) {
    List<Parameter> parameters = new ArrayList<>();
    if (item.getParameters() != null) {
      parameters.addAll(item.getParameters());
    }
    if (operation.getParameters() != null) {
      parameters.addAll(operation.getParameters());
    }
    return parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
  }

  private static boolean isError(String status) {
    return status.startsWith("4") || status.startsWith("5");
  }

  private static void addIfAbsent(APIResponses responses, String status, String description) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
    }
  }

  private static Content problemContent() {
    MediaType media =
        OASFactory.createMediaType()
            .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM));
    return OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE, media);
  }

  /**
   * Bean Validation's {@code @Pattern} must match the whole value, JSON Schema's {@code pattern}
   * only somewhere in it: anchoring states the server's rule (the patterns themselves are written
   * to mean the same in Java and ECMA-262, see TextPatterns).
   */
  static void anchorPatterns(Schema schema) {
    if (schema == null) {
      return;
    }
    String pattern = schema.getPattern();
    if (pattern != null
        && !pattern.equals(NOT_BLANK_SEARCH)
        && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
      schema.setPattern("^(?:" + pattern + ")$");
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(ContractFilter::anchorPatterns);
    }
    anchorPatterns(schema.getItems());
    if (schema.getAllOf() != null) {
      schema.getAllOf().forEach(ContractFilter::anchorPatterns);
    }
  }

  /**
   * Optional properties may be null. A property that is a reference gets the nullable flag through
   * {@code allOf}, since OpenAPI 3.0 ignores siblings of {@code $ref}.
   */
  static void markOptionalNullable(Schema schema, Map<String, Schema> components) {
    if (schema == null || schema.getProperties() == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    for (Map.Entry<String, Schema> property : List.copyOf(schema.getProperties().entrySet())) {
      Schema value = property.getValue();
      if (required.contains(property.getKey())) {
        markOptionalNullable(value, components);
        continue;
      }
      if (value.getRef() != null) {
        Schema wrapped =
            OASFactory.createSchema().addAllOf(OASFactory.createSchema().ref(value.getRef()));
        wrapped.setNullable(true);
        // OpenAPI 3.0 wants a type beside nullable: the referenced schema's.
        Schema target =
            components.get(value.getRef().substring(value.getRef().lastIndexOf('/') + 1));
        wrapped.setType(
            target == null || target.getType() == null
                ? Schema.SchemaType.OBJECT
                : target.getType());
        if (value.getDescription() != null) {
          wrapped.setDescription(value.getDescription());
        }
        schema.addProperty(property.getKey(), wrapped);
      } else {
        value.setNullable(true);
        if (value.getType() == null) {
          value.setType(Schema.SchemaType.OBJECT);
        }
        markOptionalNullable(value, components);
        if (value.getItems() != null) {
          markOptionalNullable(value.getItems(), components);
        }
      }
    }
  }

  private static Schema problemSchema() {
    Schema schema =
        OASFactory.createSchema()
            .type(Schema.SchemaType.OBJECT)
            .description("An error, as RFC 9457 application/problem+json with a stable code")
            .addRequired("type")
            .addRequired("title")
            .addRequired("status")
            .addRequired("code")
            .addProperty("type", string("A URI naming the kind of problem"))
            .addProperty("title", string("Short summary of the kind of problem"))
            .addProperty(
                "status",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.INTEGER)
                    .format("int32")
                    .description("The HTTP status code"))
            .addProperty("detail", string("What went wrong, for people").nullable(true))
            .addProperty("instance", string("The request path").nullable(true))
            .addProperty("code", string("Stable machine-readable code, such as courses.not-found"))
            .addProperty(
                "violations",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.ARRAY)
                    .nullable(true)
                    .description("For 400: every invalid field")
                    .items(OASFactory.createSchema().ref("#/components/schemas/Violation")))
            .addProperty("errorId", string("For 500: the id logged with the error").nullable(true));
    return schema;
  }

  private static Schema violationSchema() {
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .addRequired("field")
        .addRequired("message")
        .addProperty("field", string("JSON path of the field, such as items[2].name"))
        .addProperty("message", string("What is wrong with it"));
  }

  private static Schema string(String description) {
    return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
  }
}
