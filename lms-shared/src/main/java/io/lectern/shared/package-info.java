/**
 * Small kernel every module may use: the error vocabulary ({@link io.lectern.shared.error}),
 * paging, the signed-in user's view, the clock and reading query results by column name ({@link
 * io.lectern.shared.persistence.Columns}).
 *
 * <p>Exposes: all of its packages. Holds no business rules.
 */
@ApplicationModule(
    owns =
        "error vocabulary (`LmsException`, problem+json record), paging, current-user view, clock, text and JSON input rules, reading query results by column name, the module declaration")
package io.lectern.shared;

import io.lectern.shared.module.ApplicationModule;
