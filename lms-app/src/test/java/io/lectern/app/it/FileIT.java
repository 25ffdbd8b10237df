package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.app.it.Uploads.Part;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Uploads, metadata, downloads and deletion of files. */
class FileIT {

  private final Accounts.Session owner = Accounts.student();
  private final Accounts.Session other = Accounts.student();

  @Test
  void theTypeComesFromTheContentAndTheNameNeverFromTheClientPath() throws Exception {
    byte[] png = Uploads.png();
    Reply reply =
        Uploads.upload(
                owner.accessToken(),
                new Part("../../etc/evil name.txt", "text/plain", png),
                Map.of("folder", "course/images"))
            .expect(201);
    UUID id = UUID.fromString(reply.text("id"));
    assertThat(reply.header("Location")).endsWith("/api/v1/files/" + id);
    assertThat(reply.text("mimeType")).isEqualTo("image/png");
    assertThat(reply.text("originalName")).isEqualTo("evil name.txt");
    assertThat(reply.json().path("size").asLong()).isEqualTo(png.length);
    assertThat(reply.text("sha256"))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
    assertThat(reply.json().path("public").asBoolean()).isFalse();
    assertThat(reply.text("folder")).isEqualTo("course/images");
    assertThat(reply.text("uploaderId")).isEqualTo(owner.id().toString());
    assertThat(reply.text("downloadUrl")).isEqualTo("/api/v1/files/" + id + "/content");

    var row = Db.row("select * from certificates.uploaded_files where id = ?", id);
    assertThat(row.get("storage_path").toString()).doesNotContain("evil").doesNotContain("..");
    assertThat(row.get("filename")).isEqualTo(id.toString());
    assertThat(row.get("storage_provider")).isEqualTo("local");

    Reply text =
        Uploads.upload(
                owner.accessToken(),
                new Part("notes.pdf", "application/pdf", Uploads.text("Plain notes, ünïcode.\n")))
            .expect(201);
    assertThat(text.text("mimeType")).isEqualTo("text/plain");
    assertThat(Api.get("/api/v1/files/" + id, owner.accessToken()).expect(200).text("mimeType"))
        .isEqualTo("image/png");
  }

  @Test
  void downloadsCarryTypeLengthAndDisposition() {
    byte[] png = Uploads.png();
    UUID id =
        Uploads.uploaded(owner.accessToken(), new Part("Cat picture.png", "image/png", png), null);
    HttpResponse<byte[]> download =
        Uploads.download("/api/v1/files/" + id + "/content", owner.accessToken());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(download.headers().firstValue("Content-Length"))
        .contains(String.valueOf(png.length));
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;")
        .contains("filename=\"Cat picture.png\"")
        .contains("filename*=UTF-8''Cat%20picture.png");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(Arrays.equals(download.body(), png)).isTrue();
  }

  @Test
  void privateFilesOnlyForTheUploaderAndAdmins() {
    UUID id =
        Uploads.uploaded(
            owner.accessToken(), new Part("private.png", "image/png", Uploads.png()), null);
    Api.get("/api/v1/files/" + id, other.accessToken()).expectProblem(403, "files.forbidden");
    Api.get("/api/v1/files/" + id + "/content", other.accessToken())
        .expectProblem(403, "files.forbidden");
    Api.get("/api/v1/files/" + id, null).expectProblem(401, "auth.required");
    assertThat(Uploads.download("/api/v1/files/" + id + "/content", null).statusCode())
        .isEqualTo(401);
    assertThat(
            Uploads.download("/api/v1/files/" + id + "/content", Accounts.admin().accessToken())
                .statusCode())
        .isEqualTo(200);
    Api.get("/api/v1/files/" + UUID.randomUUID(), owner.accessToken())
        .expectProblem(404, "files.not-found");
  }

  @Test
  void publicFilesForAnyone() {
    UUID id =
        Uploads.uploaded(
            owner.accessToken(),
            new Part("shared.txt", "text/plain", Uploads.text("hello")),
            Map.of("public", "true"));
    assertThat(Api.get("/api/v1/files/" + id, null).expect(200).json().path("public").asBoolean())
        .isTrue();
    HttpResponse<byte[]> download = Uploads.download("/api/v1/files/" + id + "/content", null);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(new String(download.body())).isEqualTo("hello");
    assertThat(Api.get("/api/v1/files/" + id + "/content", other.accessToken()).status())
        .isEqualTo(200);
  }

  @Test
  void uploadsOverTheLimitAre413AndStoreNothing() {
    byte[] justOver = new byte[(int) Uploads.MAX_BYTES + 1];
    Arrays.fill(justOver, (byte) 'a');
    Uploads.upload(owner.accessToken(), new Part("big.txt", "text/plain", justOver))
        .expectProblem(413, "files.too-large");
    byte[] farOver = new byte[(int) Uploads.MAX_BYTES * 3];
    Arrays.fill(farOver, (byte) 'b');
    Uploads.upload(owner.accessToken(), new Part("bigger.txt", "text/plain", farOver))
        .expectProblem(413, "files.too-large");
    byte[] atLimit = new byte[(int) Uploads.MAX_BYTES];
    Arrays.fill(atLimit, (byte) 'c');
    Uploads.upload(owner.accessToken(), new Part("fits.txt", "text/plain", atLimit)).expect(201);
    assertThat(
            Db.count(
                "select count(*) from certificates.uploaded_files where uploader_id = ?",
                owner.id()))
        .isEqualTo(1);
  }

  @Test
  void disallowedDetectedTypesAre415WhateverTheClientClaims() {
    byte[] executable = {
      'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF
    };
    Uploads.upload(owner.accessToken(), new Part("photo.png", "image/png", executable))
        .expectProblem(415, "files.type-not-allowed");
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0};
    Uploads.upload(owner.accessToken(), new Part("archive.docx", ContentTypes.DOCX, zip))
        .expectProblem(415, "files.type-not-allowed");
    assertThat(
            Db.count(
                "select count(*) from certificates.uploaded_files where uploader_id = ?",
                owner.id()))
        .isZero();
  }

  @Test
  void badUploadsAre400Or401() {
    Reply noFile =
        Uploads.upload(owner.accessToken(), null, Map.of("folder", "x"))
            .expectProblem(400, "files.missing-file");
    assertThat(noFile.violationFields()).containsExactly("file");
    Part file = new Part("a.txt", "text/plain", Uploads.text("a"));
    assertThat(
            Uploads.upload(owner.accessToken(), file, Map.of("folder", "../up"))
                .expectProblem(400, "files.invalid-folder")
                .violationFields())
        .containsExactly("folder");
    Uploads.upload(owner.accessToken(), file, Map.of("public", "maybe"))
        .expectProblem(400, "files.invalid-public");
    Uploads.upload(owner.accessToken(), new Part("empty.txt", "text/plain", new byte[0]))
        .expectProblem(400, "files.empty");
    Uploads.upload(null, file, null).expectProblem(401, "auth.required");
  }

  @Test
  void theUploaderOrAnAdminDeletes() {
    UUID id =
        Uploads.uploaded(
            owner.accessToken(), new Part("a.txt", "text/plain", Uploads.text("a")), null);
    String path =
        Db.row("select storage_path from certificates.uploaded_files where id = ?", id)
            .get("storage_path")
            .toString();
    Api.delete("/api/v1/files/" + id, other.accessToken()).expectProblem(403, "files.not-uploader");
    Api.delete("/api/v1/files/" + id, owner.accessToken()).expect(204);
    Api.get("/api/v1/files/" + id, owner.accessToken()).expectProblem(404, "files.not-found");
    Api.delete("/api/v1/files/" + id, owner.accessToken()).expectProblem(404, "files.not-found");
    assertThat(path).startsWith("objects/");

    UUID second =
        Uploads.uploaded(
            owner.accessToken(), new Part("b.txt", "text/plain", Uploads.text("b")), null);
    Api.delete("/api/v1/files/" + second, Accounts.admin().accessToken()).expect(204);
  }

  /** Office MIME types as clients send them. */
  static final class ContentTypes {
    static final String DOCX =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
}
