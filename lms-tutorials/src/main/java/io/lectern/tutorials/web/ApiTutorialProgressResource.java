package io.lectern.tutorials.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The same tutorial progress API under the LMS's own {@code /api/v1} prefix. */
@ApplicationScoped
@Path("/api/v1/tutorials/progress")
@Tag(name = "Tutorial progress", description = "Progress in tutorials, for the web front end")
public class ApiTutorialProgressResource extends TutorialProgressEndpoints {}
