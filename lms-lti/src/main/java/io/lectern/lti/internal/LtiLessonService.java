package io.lectern.lti.internal;

import io.lectern.courses.api.CourseAuthoring;
import io.lectern.courses.api.LessonType;
import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Adds {@code lti} lessons to a course: the lesson through the course module's authoring API (its
 * rules: the course's instructor or an admin), and its tool link, with an optional line item, in
 * the same transaction.
 */
@ApplicationScoped
public class LtiLessonService {

  @Inject CourseAuthoring authoring;
  @Inject ToolRepository tools;
  @Inject LtiRepository store;
  @Inject LineItemRepository lineItems;
  @Inject Clock clock;

  /** The lesson added, with its line item if one was asked for. */
  public record Added(UUID lessonId, UUID lineItemId, LessonLink link) {}

  @Transactional
  public Added add(UUID courseId, NewLtiLesson lesson) {
    Tool tool = tools.find(lesson.toolId()).orElseThrow(LtiErrors::toolNotFound);
    if (!tool.hasDeployment(lesson.deploymentId())) {
      throw LmsException.invalidField(
          "lti.unknown-deployment", "deploymentId", "is not a deployment of this tool");
    }
    if (lesson.targetLinkUri() != null) {
      ToolService.url("targetLinkUri", lesson.targetLinkUri());
    }
    UUID lessonId =
        authoring.addLesson(
            courseId,
            new CourseAuthoring.NewLesson(
                lesson.parentLessonId(),
                lesson.title(),
                LessonType.LTI,
                null,
                null,
                null,
                null,
                false,
                JsonObject.EMPTY_JSON_OBJECT));
    Instant now = clock.instant();
    LessonLink link =
        new LessonLink(
            lessonId,
            courseId,
            tool.id(),
            lesson.deploymentId(),
            lesson.targetLinkUri(),
            lesson.custom() == null ? java.util.Map.of() : lesson.custom());
    store.insertLink(link, now);
    UUID lineItemId = null;
    if (lesson.lineItemLabel() != null) {
      lineItemId = UUID.randomUUID();
      lineItems.insert(
          new LineItem(
              lineItemId,
              tool.id(),
              courseId,
              lessonId,
              lesson.lineItemLabel(),
              lesson.scoreMaximum() == null
                  ? java.math.BigDecimal.valueOf(100)
                  : lesson.scoreMaximum(),
              null,
              null,
              null,
              null),
          now);
    }
    return new Added(lessonId, lineItemId, link);
  }

  /** The tool link of an lti lesson the caller may edit or read (for its instructor and admins). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public LessonLink link(UUID lessonId) {
    return store.link(lessonId).orElseThrow(LtiErrors::lessonNotFound);
  }
}
