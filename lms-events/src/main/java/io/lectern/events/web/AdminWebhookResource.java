package io.lectern.events.web;

import static io.lectern.shared.security.Role.ADMIN_NAME;

import io.lectern.events.internal.WebhookService;
import io.lectern.events.web.WebhookResponses.AttemptPage;
import io.lectern.events.web.WebhookResponses.AttemptResponse;
import io.lectern.events.web.WebhookResponses.CreatedWebhookResponse;
import io.lectern.events.web.WebhookResponses.DeliveryPage;
import io.lectern.events.web.WebhookResponses.DeliveryResponse;
import io.lectern.events.web.WebhookResponses.WebhookPage;
import io.lectern.events.web.WebhookResponses.WebhookResponse;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.web.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/api/v1/admin/webhooks")
@Tag(
    name = "Admin: webhooks",
    description =
        "Webhook subscriptions, signed per the Standard Webhooks specification, with their"
            + " delivery log")
@RolesAllowed(ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminWebhookResource {

  @Inject WebhookService webhooks;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Subscribe a URL to events",
      description =
          "The answer carries the signing secret, the only time it is shown. The URL must be http"
              + " or https and, unless the server allows it, must not resolve to a loopback,"
              + " link-local, private or other internal address (400).")
  @APIResponse(
      responseCode = "201",
      description = "Created, with its secret",
      content = @Content(schema = @Schema(implementation = CreatedWebhookResponse.class)))
  public Response create(@NotNull @Valid WebhookRequests.CreateWebhook body) {
    var created =
        webhooks.create(body.url(), body.description(), body.eventTypes(), body.enabled());
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(created.subscription().id().toString()).build())
        .entity(
            new CreatedWebhookResponse(
                WebhookResponse.of(created.subscription()), created.secret()))
        .build();
  }

  @GET
  @Operation(summary = "List subscriptions, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "One page of subscriptions, with Link headers",
      content = @Content(schema = @Schema(implementation = WebhookPage.class)))
  public Response list(
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    return PagedResponse.of(
        webhooks.list(PageRequest.fromQuery(page, size)).map(WebhookResponse::of), uriInfo);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One subscription (without its secret)")
  @APIResponse(
      responseCode = "200",
      description = "The subscription",
      content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
  @APIResponse(responseCode = "404", description = "No such subscription")
  public WebhookResponse get(@PathParam("id") UUID id) {
    return WebhookResponse.of(webhooks.get(id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change URL, description, event types or the enabled flag",
      description = "Enabling a disabled subscription clears its run of failures.")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
  @APIResponse(responseCode = "404", description = "No such subscription")
  public WebhookResponse update(
      @PathParam("id") UUID id, @NotNull @Valid WebhookRequests.UpdateWebhook body) {
    return WebhookResponse.of(
        webhooks.update(id, body.url(), body.description(), body.eventTypes(), body.enabled()));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a subscription with its delivery log")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such subscription")
  public Response delete(@PathParam("id") UUID id) {
    webhooks.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/test")
  @Operation(
      summary = "Send a test event",
      description =
          "Queues a webhook.test event for this subscription only, delivered like any other.")
  @APIResponse(
      responseCode = "202",
      description = "Queued; the delivery to follow",
      content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
  @APIResponse(responseCode = "404", description = "No such subscription")
  public Response sendTest(@PathParam("id") UUID id) {
    return Response.accepted(DeliveryResponse.of(webhooks.sendTest(id))).build();
  }

  @GET
  @Path("/{id}/deliveries")
  @Operation(summary = "The delivery log, newest event first")
  @APIResponse(
      responseCode = "200",
      description = "One page of deliveries, with Link headers",
      content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
  @APIResponse(responseCode = "404", description = "No such subscription")
  public Response deliveries(
      @PathParam("id") UUID id,
      @Parameter(description = "pending, delivered or failed") @QueryParam("status") String status,
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    String wanted = status == null || status.isBlank() ? null : status.strip();
    return PagedResponse.of(
        webhooks
            .deliveries(id, wanted, PageRequest.fromQuery(page, size))
            .map(DeliveryResponse::of),
        uriInfo);
  }

  @GET
  @Path("/{id}/deliveries/{eventId}")
  @Operation(summary = "One delivery")
  @APIResponse(
      responseCode = "200",
      description = "The delivery",
      content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
  @APIResponse(responseCode = "404", description = "No such subscription or delivery")
  public DeliveryResponse delivery(@PathParam("id") UUID id, @PathParam("eventId") UUID eventId) {
    return DeliveryResponse.of(webhooks.delivery(id, eventId));
  }

  @GET
  @Path("/{id}/deliveries/{eventId}/attempts")
  @Operation(summary = "The HTTP attempts of one delivery, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "One page of attempts with status codes and timings",
      content = @Content(schema = @Schema(implementation = AttemptPage.class)))
  @APIResponse(responseCode = "404", description = "No such subscription or delivery")
  public Response attempts(
      @PathParam("id") UUID id,
      @PathParam("eventId") UUID eventId,
      @Parameter(description = "From 0, default 0") @QueryParam("page") String page,
      @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
    return PagedResponse.of(
        webhooks.attempts(id, eventId, PageRequest.fromQuery(page, size)).map(AttemptResponse::of),
        uriInfo);
  }

  @POST
  @Path("/{id}/deliveries/{eventId}/redeliver")
  @Operation(
      summary = "Deliver an event again",
      description =
          "Puts the delivery back in the queue with the same webhook-id and a fresh retry"
              + " schedule, whatever its state.")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
  @APIResponse(responseCode = "404", description = "No such subscription or delivery")
  public Response redeliver(@PathParam("id") UUID id, @PathParam("eventId") UUID eventId) {
    return Response.accepted(DeliveryResponse.of(webhooks.redeliver(id, eventId))).build();
  }
}
