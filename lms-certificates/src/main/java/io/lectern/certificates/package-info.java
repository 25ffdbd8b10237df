/**
 * Uploaded files and course certificates: uploads with content-detected types on a storage
 * provider, certificates issued once per completed enrolment, PDF, public verification, revocation.
 *
 * <p>Exposes: the {@code api} package ({@code CertificateIssuer}, {@code CourseFiles}).
 */
@ApplicationModule(
    owns =
        "uploaded files on a storage provider (local disk or an S3-compatible object store), certificates issued on completion, their PDFs, public verification, revocation (schema `certificates`)",
    allowedDependencies = {"users", "courses", "enrollment"})
package io.lectern.certificates;

import io.lectern.shared.module.ApplicationModule;
