package io.lectern.shared.web;

import io.lectern.shared.paging.Page;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Builds a 200 response for one page: the page as the body, RFC 8288 {@code Link} headers for the
 * first, previous, next and last pages (keeping the caller's filters), and {@code X-Total-Count}.
 */
public final class PagedResponse {

  private PagedResponse() {}

  public static Response of(Page<?> page, UriInfo uri) {
    Response.ResponseBuilder response =
        Response.ok(page).header("X-Total-Count", page.totalItems());
    int last = Math.max(0, page.totalPages() - 1);
    response.links(link(uri, 0, page.size(), "first"), link(uri, last, page.size(), "last"));
    if (page.hasPrevious()) {
      response.links(link(uri, Math.min(page.page() - 1, last), page.size(), "prev"));
    }
    if (page.hasNext()) {
      response.links(link(uri, page.page() + 1, page.size(), "next"));
    }
    return response.build();
  }

  private static Link link(UriInfo uri, int page, int size, String rel) {
    return Link.fromUriBuilder(
            uri.getRequestUriBuilder()
                .replaceQueryParam("page", page)
                .replaceQueryParam("size", size))
        .rel(rel)
        .build();
  }
}
