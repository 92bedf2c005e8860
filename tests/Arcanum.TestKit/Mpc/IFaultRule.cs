namespace Arcanum.TestKit.Mpc;

/// <summary>
/// A network fault: given one delivery, what actually arrives — nothing (drop), the delivery
/// itself, a changed copy (tamper, equivocate), or several (duplicate). Rules apply in the order
/// they were added to the <see cref="InMemoryNetwork{TOutput}"/>.
/// </summary>
public interface IFaultRule
{
    IEnumerable<Delivery> Apply(Delivery delivery);
}
