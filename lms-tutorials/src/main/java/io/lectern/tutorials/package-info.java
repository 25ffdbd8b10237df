/**
 * Tutorial progress for the existing web front end, served at /v1/tutorials/progress and
 * /api/v1/tutorials/progress: chapter watch time and completion, quiz scores, tutorial
 * certificates, moving browser-stored progress in, and admin statistics and data checks.
 *
 * <p>Exposes: {@link io.lectern.tutorials.api} ({@code TutorialProgressTracker}, {@code
 * TutorialStatistics} and their records).
 *
 * <p>May use: lms-shared and lms-users' {@code api} ({@code UserDirectory} for names on
 * certificates and for checking user ids).
 */
package io.lectern.tutorials;
