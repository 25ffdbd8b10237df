/**
 * Uploaded files and course certificates: issue on completion, PDF, public verification,
 * revocation.
 *
 * <p>Exposes: the {@code api} package (certificate issuer, file storage) once certificates land.
 *
 * <p>May use: lms-shared, lms-users', lms-courses' and lms-enrollment's {@code api}.
 */
package io.lectern.certificates;
