package org.tanfang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TanfangApplication {
  public static void main(String[] args) {
    SpringApplication.run(TanfangApplication.class, args);
  }
}
