package io.lectern.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * All REST resources live under the root so that both /api/v1 and the tutorial API's /v1 paths fit.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "lectern")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Lectern LMS API",
            version = "1",
            description =
                "Courses, lessons, enrolments, progress, quizzes, certificates and tutorial"
                    + " progress. Errors are application/problem+json (RFC 9457) with a stable"
                    + " `code`.",
            license =
                @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
    security = {
      @SecurityRequirement(name = "bearer"),
      @SecurityRequirement(name = "oauth2", scopes = "lectern")
    })
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
// The same access token, obtained through the OAuth 2.0 password grant: this is what makes the
// OpenAPI UI's Authorize button sign in with an email and password.
@SecurityScheme(
    securitySchemeName = "oauth2",
    type = SecuritySchemeType.OAUTH2,
    description = "Sign in with your email (username) and password; no client id is needed",
    flows =
        @OAuthFlows(
            password =
                @OAuthFlow(tokenUrl = "/api/v1/auth/token", refreshUrl = "/api/v1/auth/token")))
public class LecternApplication extends Application {}
