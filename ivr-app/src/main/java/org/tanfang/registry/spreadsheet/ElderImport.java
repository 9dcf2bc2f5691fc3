package org.tanfang.registry.spreadsheet;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderBatchWriter;
import org.tanfang.registry.ElderDraft;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderRepository;
import org.tanfang.registry.ElderValidator;
import org.tanfang.registry.EldersChanged;
import org.tanfang.registry.IdCardNumber;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.registry.spreadsheet.ImportReport.RowError;
import org.tanfang.security.AuditLog;
import org.tanfang.shared.FieldProblem;

/**
 * Imports the elder spreadsheets civil-affairs staff keep. One transaction for the whole file: rows
 * are checked and written a chunk at a time, and the transaction is rolled back at the end when the
 * file had errors (unless only valid rows were asked for) or on a dry run, so nothing is ever
 * half-written. Rows are matched to existing elders by ID-card number, so re-importing a file
 * updates instead of duplicating.
 *
 * <p>Over 300 lines on purpose: the transaction, the chunking, the row-by-row report and the
 * roll-back decision are one flow whose parts only make sense together; column reading is {@link
 * RowForm}, writing is {@code ElderBatchWriter}.
 */
@Service
public class ElderImport {
  private static final Logger log = LoggerFactory.getLogger(ElderImport.class);
  private static final int CHUNK = 500;

  private final ElderRepository repository;
  private final ElderBatchWriter writer;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final ElderValidator validator;
  private final ProblemMessages messages;
  private final TransactionTemplate transactions;
  private final AuditLog audit;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ElderImport(
      ElderRepository repository,
      ElderBatchWriter writer,
      org.springframework.jdbc.core.JdbcTemplate jdbc,
      ElderValidator validator,
      ProblemMessages messages,
      PlatformTransactionManager txManager,
      AuditLog audit,
      Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.repository = repository;
    this.writer = writer;
    this.jdbc = jdbc;
    this.validator = validator;
    this.messages = messages;
    this.transactions = new TransactionTemplate(txManager);
    this.audit = audit;
    this.clock = clock;
  }

  public ImportReport run(String fileName, byte[] content, ImportOptions options) {
    long started = System.nanoTime();
    Run run = new Run();
    transactions.executeWithoutResult(
        tx -> {
          try {
            run.format = readerFor(fileName, content, options).read(run::accept);
          } catch (IOException | RuntimeException e) {
            log.info("Import of {} failed to read: {}", fileName, e.toString());
            run.fileError("file.unreadable", e.getMessage());
          }
          run.flush();
          if (!run.header) {
            run.fileError("file.noHeader");
          }
          boolean keep = !options.dryRun() && (run.errors.isEmpty() || options.importValidRows());
          if (keep && run.inserted + run.updated > 0) {
            audit.record(
                "IMPORT",
                "elder-file",
                fileName,
                "inserted="
                    + run.inserted
                    + " updated="
                    + run.updated
                    + " rejected="
                    + run.rejected);
          }
          run.committed = keep;
          if (!keep) {
            tx.setRollbackOnly();
          }
        });
    if (run.committed && !run.written.isEmpty()) {
      // After the commit: scheduling plans the new and changed elders in bulk.
      events.publishEvent(EldersChanged.of(run.written, "IMPORT"));
    }
    if (run.committed && run.inserted + run.updated > 1000) {
      // Fresh statistics, so the planner uses the indexes on the grown tables at once.
      jdbc.execute("analyze elder, elder_category, elder_phone, emergency_contact");
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info(
        "Import of {}: {} rows, {} inserted, {} updated, {} unchanged, {} rejected, committed={} in {} ms",
        fileName,
        run.rows,
        run.inserted,
        run.updated,
        run.unchanged,
        run.rejected,
        run.committed,
        millis);
    return new ImportReport(
        fileName,
        run.format,
        run.rows,
        run.inserted,
        run.updated,
        run.unchanged,
        run.rejected,
        run.committed,
        options.dryRun(),
        options.importValidRows(),
        List.copyOf(run.errors),
        List.copyOf(run.warnings),
        millis);
  }

  private static SheetReader readerFor(String fileName, byte[] content, ImportOptions options)
      throws IOException {
    String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
    boolean zip = content.length > 3 && content[0] == 'P' && content[1] == 'K';
    boolean ole = content.length > 3 && (content[0] & 0xFF) == 0xD0 && (content[1] & 0xFF) == 0xCF;
    if (ole || name.endsWith(".xls")) {
      throw new IOException("Old Excel .xls format: save the sheet as .xlsx or .csv");
    }
    if (zip || name.endsWith(".xlsx")) {
      return new XlsxSheetReader(content);
    }
    return new CsvSheetReader(content, options.encoding());
  }

  /** The state of one import while rows stream past. */
  private final class Run {
    String format = "";
    boolean header;
    boolean committed;
    int headerLine = 1;
    int rows, inserted, updated, unchanged, rejected;
    final Map<Integer, Column> columns = new HashMap<>();
    final Map<Column, Integer> indexes = new HashMap<>();
    final Map<String, Integer> seenIdNumbers = new HashMap<>();
    Map<String, Long> knownIds;
    final List<SheetRow> pending = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<Long> written = new ArrayList<>();

    void accept(SheetRow row) {
      if (row.blank()) {
        return;
      }
      if (!header) {
        readHeader(row);
        return;
      }
      rows++;
      pending.add(row);
      if (pending.size() >= CHUNK) {
        flush();
      }
    }

    private void readHeader(SheetRow row) {
      header = true;
      headerLine = row.line();
      for (int i = 0; i < row.cells().size(); i++) {
        String text = row.cell(i);
        if (text == null || text.isBlank()) {
          continue;
        }
        var column = Column.forHeader(text);
        if (column.isEmpty()) {
          warnings.add(
              "列 "
                  + SheetReader.columnLetter(i)
                  + "「"
                  + text.strip()
                  + "」未识别，已忽略 / column ignored");
        } else if (indexes.containsKey(column.get())) {
          error(
              row.line(),
              i,
              FieldProblem.of(column.get().header(), "header.duplicate", text.strip()),
              text);
        } else {
          columns.put(i, column.get());
          indexes.put(column.get(), i);
        }
      }
      for (Column c : Column.values()) {
        if (c.required() && !indexes.containsKey(c)) {
          errors.add(
              new RowError(
                  row.line(),
                  c.header(),
                  c.header(),
                  "header.missing",
                  null,
                  messages.both(FieldProblem.of("file", "header.missing", c.header()))));
        }
      }
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      if (errors.stream().anyMatch(e -> e.line() == headerLine)) {
        rejected += pending.size(); // without the right columns no row can be read
        pending.clear();
        return;
      }
      Map<String, Elder> existing = existing(pending);
      List<Elder> toInsert = new ArrayList<>();
      List<Elder> toUpdate = new ArrayList<>();
      for (SheetRow row : pending) {
        Elder elder = check(row, existing);
        if (elder != null) {
          (elder.id() == null ? toInsert : toUpdate).add(elder);
        }
      }
      written.addAll(writer.insert(toInsert));
      writer.update(toUpdate);
      toUpdate.forEach(e -> written.add(e.id()));
      pending.clear();
    }

    /**
     * The stored elders this chunk's rows refer to. Matching goes through one map of all ID numbers
     * read once per import, so the database is only asked for elders that exist: within a large
     * first import the planner still believes the table empty and would scan it.
     */
    private Map<String, Elder> existing(List<SheetRow> chunk) {
      if (knownIds == null) {
        knownIds = new HashMap<>();
        jdbc.query(
            "select id_number, id from elder",
            rs -> {
              knownIds.put(rs.getString(1), rs.getLong(2));
            });
      }
      Integer idColumn = indexes.get(Column.ID_NUMBER);
      List<Long> ids =
          chunk.stream()
              .map(r -> knownIds.get(IdCardNumber.normalise(r.cell(idColumn))))
              .filter(java.util.Objects::nonNull)
              .toList();
      if (ids.isEmpty()) {
        return Map.of();
      }
      return repository.findAllById(ids).stream()
          .collect(Collectors.toMap(Elder::idNumber, Function.identity()));
    }

    /** The elder to save for this row, or null when it is rejected or unchanged. */
    private Elder check(SheetRow row, Map<String, Elder> existing) {
      Map<Column, String> cells = new HashMap<>();
      columns.forEach((index, column) -> cells.put(column, row.cell(index)));
      String idNumber = IdCardNumber.normalise(cells.get(Column.ID_NUMBER));
      Elder current = existing.get(idNumber);
      RowForm.Result mapped = RowForm.build(cells, current == null ? null : ElderForm.of(current));
      ElderValidator.Result result = validator.validate(mapped.form());
      List<FieldProblem> problems = new ArrayList<>(mapped.problems());
      problems.addAll(result.problems());
      Integer firstLine =
          idNumber.isEmpty() ? null : seenIdNumbers.putIfAbsent(idNumber, row.line());
      if (firstLine != null) {
        problems.add(FieldProblem.of("idNumber", "idNumber.duplicateInFile", firstLine));
      }
      if (!problems.isEmpty()) {
        rejected++;
        problems.forEach(p -> error(row.line(), p, cells));
        return null;
      }
      ElderDraft draft = result.draft();
      if (current == null) {
        inserted++;
        return draft.newElder(clock.instant());
      }
      if (draft.sameAs(current)) {
        unchanged++;
        return null;
      }
      updated++;
      return draft.applyTo(current, clock.instant());
    }

    private void error(int line, FieldProblem p, Map<Column, String> cells) {
      var column = Column.forField(p.field());
      Integer index = column.map(indexes::get).orElse(null);
      String value = column.map(cells::get).orElse(null);
      error(line, index, p, value);
    }

    private void error(int line, Integer index, FieldProblem p, String value) {
      String header = Column.forField(p.field()).map(Column::header).orElse(p.field());
      String columnRef = index == null ? header : SheetReader.columnLetter(index) + " " + header;
      errors.add(new RowError(line, columnRef, p.field(), p.rule(), value, messages.both(p)));
    }

    void fileError(String rule, Object... args) {
      errors.add(
          new RowError(
              0, null, "file", rule, null, messages.both(FieldProblem.of("file", rule, args))));
    }
  }
}
