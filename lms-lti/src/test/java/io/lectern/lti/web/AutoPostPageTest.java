package io.lectern.lti.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.lti.internal.AutoPost;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoPostPageTest {

  @Test
  void valuesAreEscapedSoThatNoFieldCanBreakOutOfItsAttribute() {
    assertThat(AutoPostPage.escape("\"><script>alert('x')</script>&"))
        .isEqualTo("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("state", "\"><img src=x onerror=alert(1)>");
    String page = AutoPostPage.html(new AutoPost("https://tool.example.org/a?b=1&c=2", fields));
    assertThat(page)
        .contains("action=\"https://tool.example.org/a?b=1&amp;c=2\"")
        .contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"")
        .doesNotContain("<img");
  }
}
