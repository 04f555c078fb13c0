namespace CondaRecipes.Scheduling;

/// <summary>
/// PBS Pro's <c>Exit_status</c>: 0–255 is the script's own code, 256+N means killed by signal N, and
/// negative values are PBS's own JOB_EXEC_* codes.
/// </summary>
public static class PbsExitStatus
{
    /// <summary>The exit code to report (128+N for a signal, as a shell does) and a readable reason, if abnormal.</summary>
    public static (int Code, string? Reason) Decode(int exitStatus) => exitStatus switch
    {
        >= 0 and <= 255 => (exitStatus, null),
        > 256 => (128 + (exitStatus - 256), $"killed by signal {exitStatus - 256}"),
        256 => (256, "killed by a signal"),
        -1 => (exitStatus, "job could not be started (exec failed)"),
        -2 => (exitStatus, "job could not be started (resources unavailable)"),
        -3 => (exitStatus, "job start failed; PBS will retry it"),
        -4 => (exitStatus, "job start failed (abort)"),
        -10 => (exitStatus, "job could not be started (bad stdout/stderr files)"),
        -11 => (exitStatus, "job was rerun"),
        -20 => (exitStatus, "node failure"),
        -27 => (exitStatus, "memory limit exceeded"),
        -29 => (exitStatus, "walltime exceeded"),
        -25 => (exitStatus, "CPU time limit exceeded"),
        _ => (exitStatus, $"PBS exit status {exitStatus}"),
    };
}
