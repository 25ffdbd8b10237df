/**
 * Lectern as an LTI 1.3 Advantage platform: registered external tools, lessons that launch them
 * (OIDC third-party-initiated login and signed id_tokens), Deep Linking 2.0, Assignment and Grade
 * Services (scores move lesson progress) and Names and Role Provisioning Services.
 *
 * <p>Exposes: {@link io.lectern.lti.api} (the LTI service scopes). No other module depends on it.
 */
@ApplicationModule(
    owns =
        "LTI 1.3 tool registrations, tool launches and their hints, deep linking, line items and scores, tool access tokens (schema `lti`)",
    allowedDependencies = {"users", "courses", "enrollment"})
package io.lectern.lti;

import io.lectern.shared.module.ApplicationModule;
