using System.Globalization;
using System.Text;

namespace CondaRecipes.Recipes.Jinja;

/// <summary>
/// Splits the inside of a tag (or a selector) into tokens: names, quoted strings with Python escapes,
/// integers, floats and the operators of the supported Jinja subset.
/// </summary>
internal static class ExpressionTokenizer
{
    // Longest first so that '//' wins over '/', '<=' over '<', and so on.
    private static readonly string[] Operators =
    [
        "**", "//", "==", "!=", "<=", ">=",
        "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "~", "+", "-", "*", "/", "%", "<", ">", "=",
    ];

    public static List<ExpressionToken> Tokenize(string text, int line)
    {
        var tokens = new List<ExpressionToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetter(c) || c == '_')
            {
                int s = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new ExpressionToken(TokenKind.Name, text[s..i], line));
                continue;
            }
            if (char.IsDigit(c))
            {
                tokens.Add(ReadNumber(text, ref i, line));
                continue;
            }
            if (c == '\'' || c == '"')
            {
                tokens.Add(ReadString(text, ref i, ref line));
                continue;
            }
            string? op = null;
            foreach (var candidate in Operators)
                if (string.CompareOrdinal(text, i, candidate, 0, candidate.Length) == 0) { op = candidate; break; }
            if (op is null)
                throw TemplateError.Syntax($"Unexpected character '{c}' in expression '{text.Trim()}'.", line);
            tokens.Add(new ExpressionToken(TokenKind.Operator, op, line));
            i += op.Length;
        }
        tokens.Add(new ExpressionToken(TokenKind.End, "", line));
        return tokens;
    }

    private static ExpressionToken ReadNumber(string text, ref int i, int line)
    {
        int s = i;
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '_')) i++;
        bool isFloat = false;
        // '1.5' is a float, but in 'x[1].y' or '1.real' the dot is not part of the number.
        if (i + 1 < text.Length && text[i] == '.' && char.IsDigit(text[i + 1]))
        {
            isFloat = true;
            i++;
            while (i < text.Length && char.IsDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int save = i;
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            if (i < text.Length && char.IsDigit(text[i]))
            {
                isFloat = true;
                while (i < text.Length && char.IsDigit(text[i])) i++;
            }
            else i = save;
        }
        string raw = text[s..i].Replace("_", "");
        return isFloat
            ? new ExpressionToken(TokenKind.Float, raw, line, double.Parse(raw, CultureInfo.InvariantCulture))
            : new ExpressionToken(TokenKind.Integer, raw, line, long.Parse(raw, CultureInfo.InvariantCulture));
    }

    private static ExpressionToken ReadString(string text, ref int i, ref int line)
    {
        char quote = text[i];
        int startLine = line;
        int s = i;
        i++;
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
                throw TemplateError.Syntax($"Unterminated string starting {text[s..Math.Min(text.Length, s + 20)]}.", startLine,
                    "Close the string with the same quote it was opened with.");
            char c = text[i];
            if (c == quote) { i++; break; }
            if (c == '\n') line++;
            if (c == '\\' && i + 1 < text.Length)
            {
                char n = text[i + 1];
                i += 2;
                switch (n)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '0': sb.Append('\0'); break;
                    case '\\': sb.Append('\\'); break;
                    case '\'': sb.Append('\''); break;
                    case '"': sb.Append('"'); break;
                    case '\n': line++; break;
                    default: sb.Append('\\').Append(n); break; // Python keeps unknown escapes as written
                }
                continue;
            }
            sb.Append(c);
            i++;
        }
        return new ExpressionToken(TokenKind.String, text[s..i], startLine, sb.ToString());
    }
}
