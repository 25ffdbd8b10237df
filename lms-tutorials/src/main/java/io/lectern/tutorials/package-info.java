/**
 * Tutorial progress for the existing web front end, served at /v1/tutorials/progress and
 * /api/v1/tutorials/progress: chapter watch time and completion, quiz scores, tutorial
 * certificates, moving browser-stored progress in, and admin statistics and data checks.
 *
 * <p>Exposes: {@link io.lectern.tutorials.api} ({@code TutorialProgressTracker}, {@code
 * TutorialStatistics} and their records).
 */
@ApplicationModule(
    owns =
        "tutorial progress, chapter progress, quiz scores, tutorial certificates; the `/v1/tutorials/progress` API (schema `tutorials`)",
    allowedDependencies = {"users"})
package io.lectern.tutorials;

import io.lectern.shared.module.ApplicationModule;
