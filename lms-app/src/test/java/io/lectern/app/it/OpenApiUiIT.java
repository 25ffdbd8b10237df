package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI UI signs in: in a real browser, its Authorize dialog posts the OAuth 2.0 password
 * grant to the token endpoint, and "Try it out" then calls the API with the token it got.
 */
class OpenApiUiIT {

  /** Chromium's profile; removed by the test itself, since Chromium may still write to it late. */
  @TempDir(cleanup = CleanupMode.NEVER)
  Path browserProfile;

  @Test
  void theAuthorizeButtonSignsInAndTheTokenIsUsed() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (ci) {
      assertThat(Browser.available()).as("Chromium at /usr/bin/chromium (CI needs it)").isTrue();
    }
    assumeTrue(
        Browser.available(),
        "Headless Chromium is not installed at /usr/bin/chromium (apt-get install chromium);"
            + " skipping the browser check of the OpenAPI UI's sign-in");
    Accounts.Session account = Accounts.student();
    long before = Accounts.liveRefreshTokens(account.id());

    try (Browser browser = Browser.start(Files.createDirectories(browserProfile.resolve("p")))) {
      browser.open(Api.BASE_URL + "/openapi/ui/");
      String outcome =
          browser.run(
              SIGN_IN_AND_CALL_ME
                  .replace("EMAIL", Api.JSON.writeValueAsString(account.email()))
                  .replace("PASSWORD", Api.JSON.writeValueAsString(Accounts.PASSWORD)));
      var result = Api.JSON.readTree(outcome);
      assertThat(result.path("dialog").asText()).contains("Authorized");
      assertThat(result.path("status").asText()).isEqualTo("200");
      assertThat(result.path("body").asText()).contains(account.email());
    }
    deleteQuietly(browserProfile);
    // The UI's sign-in was a real one: one more refresh token for the account.
    assertThat(Accounts.liveRefreshTokens(account.id())).isEqualTo(before + 1);
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // A leftover profile in the temp folder does no harm.
    }
  }

  /** Clicks through the UI as a person would: Authorize, fill in, Authorize, then Try it out. */
  private static final String SIGN_IN_AND_CALL_ME =
      """
      (async () => {
        const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
        const until = async (find, what) => {
          const end = Date.now() + 60000;
          while (Date.now() < end) {
            const found = find();
            if (found) return found;
            await sleep(100);
          }
          throw new Error('timed out waiting for ' + what);
        };
        const type = (input, value) => {
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
          input.dispatchEvent(new Event('input', {bubbles: true}));
          input.dispatchEvent(new Event('change', {bubbles: true}));
        };
        const button = (root, label) =>
          [...root.querySelectorAll('button')].find(b => b.textContent.trim() === label);

        (await until(() => document.querySelector('button.authorize'), 'the Authorize button')).click();
        const username = await until(() => document.querySelector('#oauth_username'), 'the username field');
        type(username, EMAIL);
        type(document.querySelector('#oauth_password'), PASSWORD);
        const form = username.closest('.auth-container');
        button(form, 'Authorize').click();
        await until(() => button(form.closest('.modal-ux') || document, 'Logout'), 'the signed-in dialog');
        const dialog = (form.closest('.modal-ux') || document.body).innerText;
        button(form.closest('.modal-ux') || document, 'Close').click();

        const operation = await until(() => [...document.querySelectorAll('.opblock')].find(o => {
          const path = o.querySelector('.opblock-summary-path');
          return path && path.getAttribute('data-path') === '/api/v1/public/auth/me';
        }), 'the operation GET /api/v1/public/auth/me');
        (operation.querySelector('.opblock-summary-control') || operation.querySelector('.opblock-summary')).click();
        (await until(() => operation.querySelector('.try-out__btn'), 'Try it out')).click();
        (await until(() => operation.querySelector('.execute'), 'Execute')).click();
        const status = await until(() => {
          const cell = operation.querySelector('.live-responses-table tr.response .response-col_status');
          return cell && cell.textContent.trim();
        }, 'the response');
        const body = operation.querySelector('.live-responses-table tr.response .response-col_description');
        return JSON.stringify({dialog, status: status.split(/\\s/)[0], body: body ? body.innerText : ''});
      })()
      """;
}
