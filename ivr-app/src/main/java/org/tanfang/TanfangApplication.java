package org.tanfang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TanfangApplication {
  public static void main(String[] args) {
    SpringApplication.run(TanfangApplication.class, args);
  }
}
