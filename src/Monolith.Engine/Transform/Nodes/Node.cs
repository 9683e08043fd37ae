using Apache.Arrow.Types;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// A compiled expression node: computes its whole output vector for a batch from its children's vectors.
/// The output buffers belong to the node and are reused for the next batch, so steady state allocates
/// nothing. A node shared by two parents (BETWEEN's input) computes once per batch.
/// </summary>
internal abstract class Node
{
    private long _stamp = -1;

    protected Node(IArrowType type)
    {
        Type = type;
        Output = new Vector(type);
    }

    public IArrowType Type { get; }

    public VectorKind Kind => Output.Kind;

    public Vector Output { get; }

    public Vector Evaluate(EvaluationContext context)
    {
        if (_stamp != context.Stamp)
        {
            Compute(context);
            _stamp = context.Stamp;
        }

        return Output;
    }

    protected abstract void Compute(EvaluationContext context);
}
