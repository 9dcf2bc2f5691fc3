package org.tanfang.registry;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface ElderRepository extends ListCrudRepository<Elder, Long> {
  Optional<Elder> findByIdNumber(String idNumber);
}
