/**
 * Tutorial progress served at /v1/tutorials/progress for the existing web front end: chapters, quiz
 * scores, tutorial certificates.
 *
 * <p>Exposes: the {@code api} package once the tutorial API lands.
 *
 * <p>May use: lms-shared and lms-users' {@code api}.
 */
package io.lectern.tutorials;
