//! Parquet files of one table: written column by column through parquet's low-level writer,
//! read row by row through its record reader, so no arrow is compiled in.
//!
//! Columns are matched by name when reading and both INT32/INT64 and FLOAT/DOUBLE are taken,
//! because Spark orders and types columns its own way (a schema inferred from JSON is sorted
//! and uses 64-bit integers); required and optional columns read alike.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::SerializedFileReader;
use parquet::file::writer::SerializedFileWriter;
use parquet::record::{Field, Row};
use parquet::schema::parser::parse_message_type;

use crate::rows::{
    entity_type_from, entity_type_name, mention_kind_from, mention_kind_name, quote_kind_from,
};
use crate::{ArticleRow, EntityRow, ExchangeError, MentionRow, PersonRow, QuoteRow};

/// The values of one leaf column for a batch of rows.
pub(crate) enum Column {
    /// UTF-8 strings; `None` is null.
    Str(Vec<Option<String>>),
    /// 32-bit integers.
    I32(Vec<Option<i32>>),
    /// 64-bit integers.
    I64(Vec<Option<i64>>),
    /// Doubles (never null in these tables).
    F64(Vec<f64>),
    /// A list of strings per row (empty, never null, when there is none).
    StrList(Vec<Vec<String>>),
}

/// A table of the exchange format: its directory name, its Parquet schema, and how its rows
/// become columns and come back from records.
pub(crate) trait Table: Sized {
    /// The table's directory under the exchange directory.
    const NAME: &'static str;
    /// The Parquet message type, leaf columns in the order [`Table::columns`] returns them.
    const SCHEMA: &'static str;
    /// Rows written per row group: fewer for tables that carry article texts.
    const ROWS_PER_GROUP: usize;
    /// The batch's leaf columns in schema order.
    fn columns(rows: &[Self]) -> Vec<Column>;
    /// One row back from a record.
    fn from_record(record: &Record) -> Result<Self, String>;
}

/// One record read from a file, looked up by column name.
pub(crate) struct Record {
    columns: Vec<(String, Field)>,
}

impl Record {
    fn get(&self, name: &str) -> Option<&Field> {
        self.columns
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f)
            .filter(|f| !matches!(f, Field::Null))
    }

    fn missing(name: &str) -> String {
        format!("column '{name}' is missing or null")
    }

    fn wrong(name: &str, want: &str, got: &Field) -> String {
        format!("column '{name}' should be {want}, found {got}")
    }

    /// A nullable string column.
    pub(crate) fn opt_str(&self, name: &str) -> Result<Option<String>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(Field::Str(s)) => Ok(Some(s.clone())),
            Some(other) => Err(Self::wrong(name, "a string", other)),
        }
    }

    /// A string column that must be present.
    pub(crate) fn str(&self, name: &str) -> Result<String, String> {
        self.opt_str(name)?.ok_or_else(|| Self::missing(name))
    }

    /// A nullable 64-bit integer column (32-bit columns are widened).
    pub(crate) fn opt_i64(&self, name: &str) -> Result<Option<i64>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(Field::Int(v)) => Ok(Some(i64::from(*v))),
            Some(Field::Long(v)) => Ok(Some(*v)),
            Some(Field::Short(v)) => Ok(Some(i64::from(*v))),
            Some(other) => Err(Self::wrong(name, "an integer", other)),
        }
    }

    /// A nullable 32-bit integer column (64-bit columns must fit).
    pub(crate) fn opt_i32(&self, name: &str) -> Result<Option<i32>, String> {
        match self.opt_i64(name)? {
            None => Ok(None),
            Some(v) => i32::try_from(v)
                .map(Some)
                .map_err(|_| format!("column '{name}': {v} is out of range")),
        }
    }

    /// A 32-bit integer column that must be present.
    pub(crate) fn i32(&self, name: &str) -> Result<i32, String> {
        self.opt_i32(name)?.ok_or_else(|| Self::missing(name))
    }

    /// A 64-bit integer column that must be present.
    pub(crate) fn i64(&self, name: &str) -> Result<i64, String> {
        self.opt_i64(name)?.ok_or_else(|| Self::missing(name))
    }

    /// A floating-point column that must be present.
    pub(crate) fn f64(&self, name: &str) -> Result<f64, String> {
        match self.get(name) {
            None => Err(Self::missing(name)),
            Some(Field::Double(v)) => Ok(*v),
            Some(Field::Float(v)) => Ok(f64::from(*v)),
            Some(other) => Err(Self::wrong(name, "a number", other)),
        }
    }

    /// A list-of-strings column; null reads as empty.
    pub(crate) fn str_list(&self, name: &str) -> Result<Vec<String>, String> {
        match self.get(name) {
            None => Ok(Vec::new()),
            Some(Field::ListInternal(list)) => list
                .elements()
                .iter()
                .filter(|f| !matches!(f, Field::Null))
                .map(|f| match f {
                    Field::Str(s) => Ok(s.clone()),
                    other => Err(Self::wrong(name, "a list of strings", other)),
                })
                .collect(),
            Some(other) => Err(Self::wrong(name, "a list of strings", other)),
        }
    }

    /// A column holding one of a fixed set of names.
    fn named<T>(&self, name: &str, parse: fn(&str) -> Option<T>) -> Result<T, String> {
        let s = self.str(name)?;
        parse(&s).ok_or_else(|| format!("column '{name}': unknown value '{s}'"))
    }
}

/// Collects a column of strings from the rows.
fn strs<T>(rows: &[T], f: impl Fn(&T) -> Option<String>) -> Column {
    Column::Str(rows.iter().map(f).collect())
}

fn i32s<T>(rows: &[T], f: impl Fn(&T) -> Option<i32>) -> Column {
    Column::I32(rows.iter().map(f).collect())
}

fn i64s<T>(rows: &[T], f: impl Fn(&T) -> Option<i64>) -> Column {
    Column::I64(rows.iter().map(f).collect())
}

impl Table for ArticleRow {
    const NAME: &'static str = "articles";
    const SCHEMA: &'static str = "message articles {
        required binary id (UTF8);
        optional binary title (UTF8);
        optional binary source (UTF8);
        optional binary url (UTF8);
        optional binary date (UTF8);
        optional group authors (LIST) { repeated group list { optional binary element (UTF8); } }
        optional binary language (UTF8);
        required binary text (UTF8);
        optional int64 story;
    }";
    const ROWS_PER_GROUP: usize = 10_000;

    fn columns(rows: &[Self]) -> Vec<Column> {
        vec![
            strs(rows, |r| Some(r.id.clone())),
            strs(rows, |r| r.title.clone()),
            strs(rows, |r| r.source.clone()),
            strs(rows, |r| r.url.clone()),
            strs(rows, |r| r.date.clone()),
            Column::StrList(rows.iter().map(|r| r.authors.clone()).collect()),
            strs(rows, |r| r.language.clone()),
            strs(rows, |r| Some(r.text.clone())),
            i64s(rows, |r| r.story),
        ]
    }

    fn from_record(r: &Record) -> Result<Self, String> {
        Ok(ArticleRow {
            id: r.str("id")?,
            title: r.opt_str("title")?,
            source: r.opt_str("source")?,
            url: r.opt_str("url")?,
            date: r.opt_str("date")?,
            authors: r.str_list("authors")?,
            language: r.opt_str("language")?,
            text: r.str("text")?,
            story: r.opt_i64("story")?,
        })
    }
}

impl Table for QuoteRow {
    const NAME: &'static str = "quotes";
    const SCHEMA: &'static str = "message quotes {
        required binary article (UTF8);
        required int32 idx;
        required int32 start;
        required int32 end;
        required binary kind (UTF8);
        optional int32 cue_start;
        optional int32 cue_end;
        optional int32 speaker_entity;
        optional int32 speaker_mention;
        optional binary speaker_name (UTF8);
        required double confidence;
        required binary text (UTF8);
    }";
    const ROWS_PER_GROUP: usize = 100_000;

    fn columns(rows: &[Self]) -> Vec<Column> {
        vec![
            strs(rows, |r| Some(r.article.clone())),
            i32s(rows, |r| Some(r.idx)),
            i32s(rows, |r| Some(r.start)),
            i32s(rows, |r| Some(r.end)),
            strs(rows, |r| Some(r.kind.as_str().to_string())),
            i32s(rows, |r| r.cue_start),
            i32s(rows, |r| r.cue_end),
            i32s(rows, |r| r.speaker_entity),
            i32s(rows, |r| r.speaker_mention),
            strs(rows, |r| r.speaker_name.clone()),
            Column::F64(rows.iter().map(|r| r.confidence).collect()),
            strs(rows, |r| Some(r.text.clone())),
        ]
    }

    fn from_record(r: &Record) -> Result<Self, String> {
        Ok(QuoteRow {
            article: r.str("article")?,
            idx: r.i32("idx")?,
            start: r.i32("start")?,
            end: r.i32("end")?,
            kind: r.named("kind", quote_kind_from)?,
            cue_start: r.opt_i32("cue_start")?,
            cue_end: r.opt_i32("cue_end")?,
            speaker_entity: r.opt_i32("speaker_entity")?,
            speaker_mention: r.opt_i32("speaker_mention")?,
            speaker_name: r.opt_str("speaker_name")?,
            confidence: r.f64("confidence")?,
            text: r.str("text")?,
        })
    }
}

impl Table for EntityRow {
    const NAME: &'static str = "entities";
    const SCHEMA: &'static str = "message entities {
        required binary article (UTF8);
        required int32 idx;
        required binary name (UTF8);
        required binary type (UTF8);
        optional int64 person;
    }";
    const ROWS_PER_GROUP: usize = 100_000;

    fn columns(rows: &[Self]) -> Vec<Column> {
        vec![
            strs(rows, |r| Some(r.article.clone())),
            i32s(rows, |r| Some(r.idx)),
            strs(rows, |r| Some(r.name.clone())),
            strs(rows, |r| Some(entity_type_name(r.entity_type).to_string())),
            i64s(rows, |r| r.person),
        ]
    }

    fn from_record(r: &Record) -> Result<Self, String> {
        Ok(EntityRow {
            article: r.str("article")?,
            idx: r.i32("idx")?,
            name: r.str("name")?,
            entity_type: r.named("type", entity_type_from)?,
            person: r.opt_i64("person")?,
        })
    }
}

impl Table for MentionRow {
    const NAME: &'static str = "mentions";
    const SCHEMA: &'static str = "message mentions {
        required binary article (UTF8);
        required int32 idx;
        required int32 start;
        required int32 end;
        required binary kind (UTF8);
        optional int32 entity;
        required binary text (UTF8);
    }";
    const ROWS_PER_GROUP: usize = 100_000;

    fn columns(rows: &[Self]) -> Vec<Column> {
        vec![
            strs(rows, |r| Some(r.article.clone())),
            i32s(rows, |r| Some(r.idx)),
            i32s(rows, |r| Some(r.start)),
            i32s(rows, |r| Some(r.end)),
            strs(rows, |r| Some(mention_kind_name(r.kind).to_string())),
            i32s(rows, |r| r.entity),
            strs(rows, |r| Some(r.text.clone())),
        ]
    }

    fn from_record(r: &Record) -> Result<Self, String> {
        Ok(MentionRow {
            article: r.str("article")?,
            idx: r.i32("idx")?,
            start: r.i32("start")?,
            end: r.i32("end")?,
            kind: r.named("kind", mention_kind_from)?,
            entity: r.opt_i32("entity")?,
            text: r.str("text")?,
        })
    }
}

impl Table for PersonRow {
    const NAME: &'static str = "persons";
    const SCHEMA: &'static str = "message persons {
        required int64 id;
        required binary name (UTF8);
        required binary type (UTF8);
        optional group aliases (LIST) { repeated group list { optional binary element (UTF8); } }
    }";
    const ROWS_PER_GROUP: usize = 100_000;

    fn columns(rows: &[Self]) -> Vec<Column> {
        vec![
            i64s(rows, |r| Some(r.id)),
            strs(rows, |r| Some(r.name.clone())),
            strs(rows, |r| Some(entity_type_name(r.entity_type).to_string())),
            Column::StrList(rows.iter().map(|r| r.aliases.clone()).collect()),
        ]
    }

    fn from_record(r: &Record) -> Result<Self, String> {
        Ok(PersonRow {
            id: r.i64("id")?,
            name: r.str("name")?,
            entity_type: r.named("type", entity_type_from)?,
            aliases: r.str_list("aliases")?,
        })
    }
}

/// Writes one table's rows into one Parquet file, a row group at a time. The file is written
/// under a temporary name and renamed by [`TableWriter::finish`], so a crash never leaves a
/// truncated file that looks finished.
pub(crate) struct TableWriter<T: Table> {
    path: PathBuf,
    tmp: PathBuf,
    writer: SerializedFileWriter<File>,
    pending: Vec<T>,
    written: u64,
}

impl<T: Table> TableWriter<T> {
    /// Creates `dir/<table>/part-00000.parquet` (its directory too).
    pub(crate) fn create(dir: &Path) -> Result<Self, ExchangeError> {
        let table_dir = dir.join(T::NAME);
        std::fs::create_dir_all(&table_dir).map_err(|source| ExchangeError::Io {
            path: table_dir.clone(),
            source,
        })?;
        let path = table_dir.join("part-00000.parquet");
        let tmp = table_dir.join(".part-00000.parquet.tmp");
        let pq = |source| ExchangeError::Parquet {
            path: path.clone(),
            source,
        };
        let schema = Arc::new(parse_message_type(T::SCHEMA).map_err(pq)?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("saywho {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let file = File::create(&tmp).map_err(|source| ExchangeError::Io {
            path: tmp.clone(),
            source,
        })?;
        let writer = SerializedFileWriter::new(file, schema, props).map_err(pq)?;
        Ok(TableWriter {
            path,
            tmp,
            writer,
            pending: Vec::new(),
            written: 0,
        })
    }

    /// Adds one row; a full row group is written out.
    pub(crate) fn push(&mut self, row: T) -> Result<(), ExchangeError> {
        self.pending.push(row);
        if self.pending.len() >= T::ROWS_PER_GROUP {
            self.write_group()?;
        }
        Ok(())
    }

    fn write_group(&mut self) -> Result<(), ExchangeError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let pq = |source| ExchangeError::Parquet {
            path: path.clone(),
            source,
        };
        let columns = T::columns(&self.pending);
        let mut group = self.writer.next_row_group().map_err(pq)?;
        for column in &columns {
            let Some(mut writer) = group.next_column().map_err(pq)? else {
                break;
            };
            write_column(writer.untyped(), column).map_err(pq)?;
            writer.close().map_err(pq)?;
        }
        group.close().map_err(pq)?;
        self.written += self.pending.len() as u64;
        self.pending.clear();
        Ok(())
    }

    /// Writes what is pending, closes the file and gives it its final name; returns the
    /// number of rows written.
    pub(crate) fn finish(mut self) -> Result<u64, ExchangeError> {
        self.write_group()?;
        let path = self.path.clone();
        self.writer
            .close()
            .map_err(|source| ExchangeError::Parquet {
                path: path.clone(),
                source,
            })?;
        std::fs::rename(&self.tmp, &self.path).map_err(|source| ExchangeError::Io {
            path: path.clone(),
            source,
        })?;
        Ok(self.written)
    }
}

/// Definition levels of an optional scalar column, and its present values.
fn levels<T: Clone>(values: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
    let defs = values.iter().map(|v| i16::from(v.is_some())).collect();
    (values.iter().flatten().cloned().collect(), defs)
}

/// Writes one leaf column; required columns (max definition level 0) get no levels.
fn write_column(writer: &mut ColumnWriter<'_>, column: &Column) -> parquet::errors::Result<()> {
    fn defs(writer: &ColumnWriter<'_>, d: &[i16]) -> Option<Vec<i16>> {
        let max = match writer {
            ColumnWriter::ByteArrayColumnWriter(w) => w.get_descriptor().max_def_level(),
            ColumnWriter::Int32ColumnWriter(w) => w.get_descriptor().max_def_level(),
            ColumnWriter::Int64ColumnWriter(w) => w.get_descriptor().max_def_level(),
            ColumnWriter::DoubleColumnWriter(w) => w.get_descriptor().max_def_level(),
            _ => 0,
        };
        (max > 0).then(|| d.to_vec())
    }
    let mismatch = || parquet::errors::ParquetError::General("column type mismatch".into());
    match column {
        Column::Str(values) => {
            let (present, d) = levels(values);
            let present: Vec<ByteArray> =
                present.into_iter().map(|s| s.into_bytes().into()).collect();
            let d = defs(writer, &d);
            let ColumnWriter::ByteArrayColumnWriter(w) = writer else {
                return Err(mismatch());
            };
            w.write_batch(&present, d.as_deref(), None)?;
        }
        Column::I32(values) => {
            let (present, d) = levels(values);
            let d = defs(writer, &d);
            let ColumnWriter::Int32ColumnWriter(w) = writer else {
                return Err(mismatch());
            };
            w.write_batch(&present, d.as_deref(), None)?;
        }
        Column::I64(values) => {
            let (present, d) = levels(values);
            let d = defs(writer, &d);
            let ColumnWriter::Int64ColumnWriter(w) = writer else {
                return Err(mismatch());
            };
            w.write_batch(&present, d.as_deref(), None)?;
        }
        Column::F64(values) => {
            let d = defs(writer, &vec![1; values.len()]);
            let ColumnWriter::DoubleColumnWriter(w) = writer else {
                return Err(mismatch());
            };
            w.write_batch(values, d.as_deref(), None)?;
        }
        Column::StrList(lists) => {
            // optional group (LIST) / repeated group list / optional element: an empty list
            // is defined to level 1, an element to level 3; repetition 1 continues a list.
            let ColumnWriter::ByteArrayColumnWriter(w) = writer else {
                return Err(mismatch());
            };
            let mut values = Vec::new();
            let mut d = Vec::new();
            let mut r = Vec::new();
            for list in lists {
                if list.is_empty() {
                    d.push(1);
                    r.push(0);
                }
                for (i, item) in list.iter().enumerate() {
                    values.push(ByteArray::from(item.as_bytes().to_vec()));
                    d.push(3);
                    r.push(i16::from(i > 0));
                }
            }
            w.write_batch(&values, Some(&d), Some(&r))?;
        }
    }
    Ok(())
}

/// The Parquet files of one table under `dir`, in name order: ours (`part-00000.parquet`) or
/// Spark's (`part-*.parquet`, beside `_SUCCESS` and `.crc` files, which are skipped).
pub(crate) fn table_files(dir: &Path, table: &str) -> Result<Vec<PathBuf>, ExchangeError> {
    let table_dir = dir.join(table);
    let entries = std::fs::read_dir(&table_dir).map_err(|source| ExchangeError::Io {
        path: table_dir.clone(),
        source,
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| ExchangeError::Io {
            path: table_dir.clone(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with('_') || !name.ends_with(".parquet") {
            continue;
        }
        files.push(entry.path());
    }
    files.sort();
    Ok(files)
}

/// Every row of one table under `dir`, file after file, streamed.
pub(crate) fn read_table<T: Table + 'static>(
    dir: &Path,
) -> Result<impl Iterator<Item = Result<T, ExchangeError>>, ExchangeError> {
    let files = table_files(dir, T::NAME)?;
    Ok(files.into_iter().flat_map(
        |path| -> Box<dyn Iterator<Item = Result<T, ExchangeError>>> {
            match read_file::<T>(&path) {
                Ok(rows) => Box::new(rows),
                Err(err) => Box::new(std::iter::once(Err(err))),
            }
        },
    ))
}

/// The rows of one file. The reader owns the file, so the iterator does too.
fn read_file<T: Table>(
    path: &Path,
) -> Result<impl Iterator<Item = Result<T, ExchangeError>>, ExchangeError> {
    let pq = |source| ExchangeError::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(|source| ExchangeError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let reader = SerializedFileReader::new(file).map_err(pq)?;
    let rows = parquet::record::reader::RowIter::from_file_into(Box::new(reader));
    let path = path.to_path_buf();
    Ok(rows.enumerate().map(move |(n, row)| {
        let row: Row = row.map_err(|source| ExchangeError::Parquet {
            path: path.clone(),
            source,
        })?;
        let record = Record {
            columns: row.into_columns(),
        };
        T::from_record(&record).map_err(|message| ExchangeError::BadRow {
            path: path.clone(),
            row: n as u64 + 1,
            message,
        })
    }))
}

/// The Parquet schema of a table, for tests and documentation.
#[cfg(test)]
pub(crate) fn schema_of<T: Table>() -> parquet::schema::types::Type {
    parse_message_type(T::SCHEMA).expect("schema parses")
}
