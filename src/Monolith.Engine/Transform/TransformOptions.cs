namespace Monolith.Engine.Transform;

/// <summary>Options of compiled expressions.</summary>
public sealed record TransformOptions
{
    /// <summary>Whether kernels take their Vector256 paths where the hardware accelerates them. Off runs the
    /// scalar paths only (the tests compare both).</summary>
    public bool UseSimd { get; init; } = true;
}
