package io.lectern.lti.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * An {@code lti} lesson to add: the tool and deployment it launches, an optional launch URL of its
 * own (null: the tool's target link URI), custom parameters and an optional line item (null label:
 * no line item).
 */
public record NewLtiLesson(
    UUID parentLessonId,
    String title,
    UUID toolId,
    String deploymentId,
    String targetLinkUri,
    Map<String, String> custom,
    String lineItemLabel,
    BigDecimal scoreMaximum) {}
