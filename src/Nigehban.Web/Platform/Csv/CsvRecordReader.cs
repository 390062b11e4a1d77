using System.Text;

namespace Nigehban.Web.Platform.Csv;

/// <summary>
/// Reads an RFC 4180 file one record at a time (quoted fields may hold commas, doubled quotes and
/// line breaks), knowing the line each record starts on, so a refused row can be named by it. A
/// record with an unterminated quote is returned as malformed rather than swallowing the rest. The
/// one CSV parser of the platform: history imports use it, and the pack's files through SimpleCsv.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private int _line;

    /// <summary>The next record and its first line; null at the end. <paramref name="malformed"/> says why a record cannot be read.</summary>
    public List<string>? Next(out int line, out string? malformed)
    {
        malformed = null;
        var text = reader.ReadLine();
        _line++;
        line = _line;
        if (text is null)
        {
            return null;
        }

        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var afterQuote = false;
        while (true)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c != '"')
                    {
                        cell.Append(c);
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else if (c == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                    afterQuote = false;
                }
                else if (c == '"' && cell.Length == 0 && !afterQuote)
                {
                    quoted = true;
                }
                else if (afterQuote || c == '"')
                {
                    malformed ??= "a quote inside an unquoted field, or text after a closing quote";
                    cell.Append(c);
                }
                else
                {
                    cell.Append(c);
                }
            }

            if (!quoted)
            {
                break;
            }

            // A line break inside quotes belongs to the field; a file that ends first is malformed.
            var more = reader.ReadLine();
            if (more is null)
            {
                malformed = "a quoted field is not closed before the end of the file";
                break;
            }

            _line++;
            cell.Append('\n');
            text = more;
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
