package io.lectern.lti.internal;

import java.util.Map;

/** A form the browser posts on its own: the hops of an LTI launch between platform and tool. */
public record AutoPost(String action, Map<String, String> fields) {}
