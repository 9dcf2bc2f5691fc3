package org.tanfang.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNamesTest {
  @Test
  void shouldKeepTheFirstAndLastCharacterOnly() {
    assertThat(PersonNames.mask("王建华")).isEqualTo("王*华");
    assertThat(PersonNames.mask("欧阳小明")).isEqualTo("欧**明");
    assertThat(PersonNames.mask("王华")).isEqualTo("王*");
    assertThat(PersonNames.mask("王")).isEqualTo("王*");
    assertThat(PersonNames.mask(" 𠮷野家 ")).isEqualTo("𠮷*家");
    assertThat(PersonNames.mask(null)).isEqualTo("*");
  }
}
