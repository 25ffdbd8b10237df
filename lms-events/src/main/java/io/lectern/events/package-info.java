/**
 * What happened, told outside: every domain fact the other modules fire (enrolments, lesson and
 * quiz progress, certificates, tutorials, users, courses) is written to a transactional outbox in
 * the transaction of the change, and delivered from there as signed Standard Webhooks and as live
 * Server-Sent Events; an enrolment's history reads it too.
 *
 * <p>Exposes: {@link io.lectern.events.api} ({@code EventTypes}). No other module depends on it: it
 * observes their {@code api.event} records.
 */
@ApplicationModule(
    owns =
        "transactional outbox of domain events, webhook subscriptions, signed delivery and its log, the live event stream (schema `events`)",
    allowedDependencies = {"users", "courses", "enrollment", "quiz", "certificates", "tutorials"})
package io.lectern.events;

import io.lectern.shared.module.ApplicationModule;
