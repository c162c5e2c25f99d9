package io.meshwatch.activities.warehouse.delta;

import java.util.List;

/** The data files of one table version, as its log lists them. */
record ActiveFiles(long version, List<DataFile> files) {

  ActiveFiles {
    files = List.copyOf(files);
  }

  /**
   * The table's rows, when every file records its count; null otherwise. A file's count includes
   * the rows its deletion vector marks deleted, so those are taken off.
   */
  Long rowCount() {
    long rows = 0;
    for (DataFile file : files) {
      if (file.statistics() == null) {
        return null;
      }
      rows += file.statistics().numRecords() - file.deletedRows();
    }
    return rows;
  }

  /** Files of which a deletion vector hides rows. */
  long withDeletedRows() {
    return files.stream().filter(f -> f.deletedRows() > 0).count();
  }
}
