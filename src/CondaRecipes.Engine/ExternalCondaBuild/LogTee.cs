namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// Sends every line of a process's output to a log file, to an optional callback (the MSBuild log, a
/// console) and to a ring of the last lines kept for error messages — what <c>| tee logs/x.log</c> did
/// in the original Makefile. Thread-safe: stdout and stderr arrive on different threads.
/// </summary>
public sealed class LogTee : IDisposable
{
    /// <summary>How many trailing lines an error message quotes.</summary>
    public const int DefaultTailLines = 30;

    private readonly object _gate = new();
    private readonly StreamWriter? _writer;
    private readonly Action<string>? _onLine;
    private readonly Queue<string> _tail = new();
    private readonly Queue<string> _errorTail = new();
    private readonly int _tailCapacity;

    /// <param name="logFile">The log to (re)write; its directory is created. Null: no file.</param>
    /// <param name="onLine">Called with each line as it arrives.</param>
    public LogTee(string? logFile, Action<string>? onLine, int tailCapacity = DefaultTailLines)
    {
        LogFile = logFile is null ? null : Path.GetFullPath(logFile);
        _onLine = onLine;
        _tailCapacity = tailCapacity;
        if (LogFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
            _writer = new StreamWriter(LogFile, append: false) { AutoFlush = true };
        }
    }

    /// <summary>The full path of the log file, when there is one.</summary>
    public string? LogFile { get; }

    /// <summary>Records one line.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer?.WriteLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > _tailCapacity) _tail.Dequeue();
            _onLine?.Invoke(line);
        }
    }

    /// <summary>
    /// Records one line of stderr. Its pipe is read on another thread, so its lines can land before stdout's
    /// earlier ones and fall out of <see cref="Tail"/>; the last of them are kept apart for error messages.
    /// </summary>
    public void WriteErrorLine(string line)
    {
        WriteLine(line);
        lock (_gate)
        {
            _errorTail.Enqueue(line);
            while (_errorTail.Count > ErrorTailLines) _errorTail.Dequeue();
        }
    }

    /// <summary>How many trailing stderr lines an error message quotes besides the tail.</summary>
    public const int ErrorTailLines = 10;

    /// <summary>The last lines seen (at most the tail capacity), oldest first.</summary>
    public IReadOnlyList<string> Tail
    {
        get { lock (_gate) return _tail.ToArray(); }
    }

    /// <summary>The tail as an indented block for an error message.</summary>
    public string FormatTail()
    {
        var tail = Tail;
        string[] errors;
        lock (_gate) errors = _errorTail.Where(l => !_tail.Contains(l)).ToArray();
        var text = tail.Count == 0 ? "    (no output)" : string.Join(Environment.NewLine, tail.Select(l => "    " + l));
        return errors.Length == 0 ? text
            : text + Environment.NewLine + "  and the last lines of stderr:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(l => "    " + l));
    }

    public void Dispose()
    {
        lock (_gate) _writer?.Dispose();
    }
}
