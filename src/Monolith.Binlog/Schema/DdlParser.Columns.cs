using System.Text;

namespace Monolith.Binlog.Schema;

internal sealed partial class DdlParser
{
    /// <summary>Reads a column definition after its name: the data type, then its attributes.</summary>
    private ColumnSpec ParseColumnSpec(string name)
    {
        var typeToken = Current;
        if (AtEnd || typeToken.Kind != SqlTokenKind.Word ||
            !DataTypes.TryNormalize(typeToken.Text, Peek(1).Kind == SqlTokenKind.Word ? Peek(1).Text : null,
                out var dataType, out var words))
        {
            throw Unexpected($"a data type for column '{name}'");
        }

        var isSerial = typeToken.Is("SERIAL");
        var isBoolean = typeToken.Is("BOOL") || typeToken.Is("BOOLEAN");
        _index += words;

        string? arguments = null;
        IReadOnlyList<string>? labels = null;
        if (Current.IsSymbol('('))
        {
            var open = _index;
            SkipParenthesised();
            if (dataType is "enum" or "set")
            {
                labels = _tokens[(open + 1)..(_index - 1)].Where(t => t.Kind == SqlTokenKind.String)
                    .Select(t => t.Text).ToList();
                arguments = "(" + string.Join(",", labels.Select(l => "'" + l.Replace("'", "''",
                    StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal) + "'")) + ")";
            }
            else
            {
                arguments = _sql[_tokens[open].Offset.._tokens[_index - 1].End].Replace(" ", "",
                    StringComparison.Ordinal).ToLowerInvariant();
            }
        }

        var unsigned = isSerial;
        var zerofill = false;
        var nullable = !isSerial;
        var primaryKey = false;
        string? characterSet = null;
        while (!AtEnd && !Current.IsSymbol(',') && !Current.IsSymbol(')') && !Current.Is("FIRST") &&
               !Current.Is("AFTER"))
        {
            if (AcceptWord("UNSIGNED"))
            {
                unsigned = true;
            }
            else if (AcceptWord("ZEROFILL"))
            {
                // ZEROFILL implies UNSIGNED.
                zerofill = unsigned = true;
            }
            else if (AcceptWord("SIGNED"))
            {
                unsigned = false;
            }
            else if (AcceptWords("NOT", "NULL"))
            {
                nullable = false;
            }
            else if (AcceptWord("NULL"))
            {
                nullable = true;
            }
            else if (AcceptWords("PRIMARY", "KEY") || AcceptWord("KEY"))
            {
                primaryKey = true;
                nullable = false;
            }
            else if (TryParseCharacterSetOption() is { } charset)
            {
                characterSet = charset;
            }
            else if (AcceptWord("ASCII"))
            {
                characterSet = "latin1";
            }
            else if (AcceptWord("UNICODE"))
            {
                characterSet = "ucs2";
            }
            else if (AcceptWord("DEFAULT") || AcceptWords("ON", "UPDATE"))
            {
                SkipValue();
            }
            else if (AcceptWord("COMMENT"))
            {
                Next();
            }
            else if (Current.IsSymbol('('))
            {
                SkipParenthesised();
            }
            else
            {
                // GENERATED ALWAYS AS (...), CHECK (...), REFERENCES t (...), INVISIBLE, AUTO_INCREMENT, UNIQUE,
                // BINARY, COLUMN_FORMAT x, STORAGE x, SRID n: none changes type, charset or nullability.
                Next();
            }
        }

        var isText = DataTypes.IsText(dataType);
        if (characterSet == "binary" && isText && dataType is not ("enum" or "set"))
        {
            dataType = DataTypes.ToBinary(dataType);
            isText = false;
            characterSet = null;
        }

        var columnType = new StringBuilder(isBoolean ? "tinyint" : dataType);
        columnType.Append(isBoolean ? "(1)" : arguments);
        if (unsigned)
        {
            columnType.Append(" unsigned");
        }

        if (zerofill)
        {
            columnType.Append(" zerofill");
        }

        return new ColumnSpec(name, dataType, columnType.ToString(), nullable, unsigned, isText ? characterSet : null,
            isText, labels, primaryKey);
    }

    /// <summary>Reads FIRST or AFTER name, if present.</summary>
    private ColumnPlacement ParsePlacement()
    {
        if (AcceptWord("FIRST"))
        {
            return new ColumnPlacement(true, null);
        }

        return AcceptWord("AFTER") ? new ColumnPlacement(false, ExpectName("a column name after AFTER")) : default;
    }

    /// <summary>
    /// Skips a default value: a literal, a signed number, a name, a call or a parenthesised expression.
    /// </summary>
    private void SkipValue()
    {
        if (Current.IsSymbol('('))
        {
            SkipParenthesised();
            return;
        }

        if (Current.IsSymbol('-') || Current.IsSymbol('+'))
        {
            Next();
        }

        // A string may carry a character set introducer (_utf8mb4'x') or be followed by COLLATE.
        Next();
        if (Current.IsSymbol('('))
        {
            SkipParenthesised();
        }
    }
}
