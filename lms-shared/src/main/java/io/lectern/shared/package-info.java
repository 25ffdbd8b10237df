/**
 * Small kernel every module may use: the error vocabulary ({@link io.lectern.shared.error}),
 * paging, the signed-in user's view, the clock, reading query results by column name ({@link
 * io.lectern.shared.persistence.Columns}), a PostgreSQL notification listener ({@link
 * io.lectern.shared.notify.PgNotificationListener}) and the routing of lag-tolerant reads to the
 * read replica ({@link io.lectern.shared.persistence.ReplicaReads}).
 *
 * <p>Exposes: all of its packages. Holds no business rules.
 */
@ApplicationModule(
    owns =
        "error vocabulary (`LmsException`, problem+json record), paging, current-user view, clock, text and JSON input rules, reading query results by column name, PostgreSQL LISTEN/NOTIFY listener, routing lag-tolerant reads to the read replica, the module declaration")
package io.lectern.shared;

import io.lectern.shared.module.ApplicationModule;
