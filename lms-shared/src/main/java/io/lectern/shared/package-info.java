/**
 * Small kernel every module may use: the error vocabulary ({@link io.lectern.shared.error}),
 * paging, the signed-in user's view and the clock.
 *
 * <p>Exposes: all of its packages. Holds no business rules.
 */
@ApplicationModule(
    owns =
        "error vocabulary (`LmsException`, problem+json record), paging, current-user view, clock, text and JSON input rules, the module declaration")
package io.lectern.shared;

import io.lectern.shared.module.ApplicationModule;
