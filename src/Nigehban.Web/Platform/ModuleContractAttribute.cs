namespace Nigehban.Web.Platform;

/// <summary>
/// Marks a type of a module that other modules may use: its contract. Anything else a module holds
/// is its own, and the architecture tests fail when another module reaches it. A contract that both
/// sides must see without depending on each other (the metric sources, the unit directory, demo
/// seeds, start-up steps, save participants) lives in Platform instead, and needs no mark.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Struct | AttributeTargets.Enum, Inherited = false)]
public sealed class ModuleContractAttribute : Attribute;
