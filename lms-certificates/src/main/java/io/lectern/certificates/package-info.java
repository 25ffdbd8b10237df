/**
 * Uploaded files and course certificates: uploads with content-detected types on a storage
 * provider, certificates issued once per completed enrolment, PDF, public verification, revocation.
 *
 * <p>Exposes: the {@code api} package ({@code CertificateIssuer}).
 *
 * <p>May use: lms-shared, lms-users', lms-courses' and lms-enrollment's {@code api}.
 */
package io.lectern.certificates;
