package io.lectern.tutorials.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tutorial progress API at the seed's path, where the existing web front end calls it. */
@ApplicationScoped
@Path("/v1/tutorials/progress")
@Tag(name = "Tutorial progress", description = "Progress in tutorials, for the web front end")
public class TutorialProgressResource extends TutorialProgressEndpoints {}
