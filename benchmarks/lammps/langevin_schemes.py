#!/usr/bin/python3
"""Exact stationary temperatures of NemdEngine's and LAMMPS's Langevin discretizations (linear systems).

Both schemes are linear maps with additive noise for a harmonic system, z' = M z + N ξ, so the
stationary covariance solves Σ = M Σ Mᵀ + N Nᵀ exactly (no sampling). k_B T = 1, temperatures are
given relative to the set-point, m <v²> per degree of freedom.

NemdEngine ("VV + O", sampled after O):
    v ← v + ½dt a(x);  x ← x + dt v;  v ← v + ½dt a(x);  v ← c v + √((1 − c²) k_B T/m) ξ,  c = exp(−γ dt)
LAMMPS (fix nve + fix langevin; the Langevin force is computed in post_force from the velocity
at that moment, which is the half-step velocity u, and used in the second half-kick of this step
and the first half-kick of the next; sampled at the end of the step):
    u = v + ½dt (a(x) + f);  x ← x + dt u;  f = −γ u + η (Var η = 2 γ k_B T/(m dt));  v = u + ½dt (a(x) + f)

Printed: the kinetic temperature where each code samples it (full step), the temperature of the
half-step velocity (the one that moves the atoms), the configurational temperature ω² <x²>, and
for a chain (2 Langevin atoms next to a wall, then NVE atoms of mass 1 and 3) the largest
deviation of any atom's kinetic temperature.

    /usr/bin/python3 benchmarks/lammps/langevin_schemes.py          # exact, under a second
    /usr/bin/python3 benchmarks/lammps/langevin_schemes.py --fpu    # plus a sampled anharmonic chain (a few CPU-minutes)
"""
import numpy as np


def stationary(M, Q):
    n = M.shape[0]
    return np.linalg.solve(np.eye(n * n) - np.kron(M, M), Q.reshape(-1)).reshape(n, n)


def nemd(A, L, m, g, h):
    """State (x, v) after O. Returns full-step m<v²>, half-step m<v²>, covariance of x."""
    n = len(L); I = np.eye(n); Z = np.zeros((n, n))
    B = np.block([[I, Z], [-h / 2 * A, I]]); D = np.block([[I, h * I], [Z, I]])
    c = np.where(L > 0, np.exp(-g * h), 1.0)
    O = np.block([[I, Z], [Z, np.diag(c)]])
    N = np.vstack([Z, np.diag(np.sqrt((1 - c * c) / m))])
    S = stationary(O @ B @ D @ B, N @ N.T)
    H = np.hstack([-h / 2 * A, I])                      # half-step velocity from (x, v)
    return np.diag(S)[n:] * m, np.diag(H @ S @ H.T) * m, S[:n, :n]


def lammps(A, L, m, g, h):
    """State (x, v, f), f the Langevin force per mass of the last post_force."""
    n = len(L); I = np.eye(n); Z = np.zeros((n, n))
    U = np.hstack([-h / 2 * A, I, h / 2 * I])
    X = np.hstack([I, Z, Z]) + h * U
    F = -np.diag(g * L) @ U
    V = U + h / 2 * (-A @ X + F)
    q = np.sqrt(2 * g * L / (h * m))
    N = np.vstack([Z, h / 2 * np.diag(q), np.diag(q)])
    S = stationary(np.vstack([X, V, F]), N @ N.T)
    return np.diag(S)[n:2 * n] * m, np.diag(U @ S @ U.T) * m, S[:n, :n]


def oscillator(w, g, h):
    A, L, m = np.array([[w * w]]), np.array([1.0]), np.array([1.0])
    out = []
    for scheme in (nemd, lammps):
        full, half, sx = scheme(A, L, m, g, h)
        out.append((full[0], half[0], w * w * sx[0, 0]))
    return out


def free(g, h):
    """Free particle: only the velocity (x diffuses)."""
    c = np.exp(-g * h)
    t_nemd = (1 - c * c) / (1 - c * c)                       # the O step keeps N(0, kT/m) exactly
    half_l = 2 * g * h / (1 - (1 - g * h) ** 2)               # u' = (1 − γdt) u + dt η
    full_l = (1 - g * h / 2) ** 2 * half_l + g * h / 2        # v = (1 − γdt/2) u + ½dt η'
    return (t_nemd, t_nemd), (full_l, half_l)


def chain(n=8, nres=2, masses=(1, 1, 1, 1, 3, 3, 3, 3)):
    K = np.zeros((n, n))
    for i in range(n - 1):
        K[i, i] += 1; K[i + 1, i + 1] += 1; K[i, i + 1] -= 1; K[i + 1, i] -= 1
    K[0, 0] += 1                                              # spring to a frozen wall
    m = np.asarray(masses, float)
    A = np.diag(1 / m) @ K
    L = np.zeros(n); L[:nres] = 1
    return A / np.sqrt(np.linalg.eigvalsh(A).max()) ** 2, L, m  # scaled to ω_max = 1


def main():
    h = 1.0
    print("single particle (k_B T = m = 1); columns: T_kin where the code samples it / T of the half-step velocity / ω²<x²>")
    print(f"{'γ dt':>6} {'ω dt':>5} | {'NemdEngine':^29} | {'LAMMPS fix langevin':^29} | 1/(1-γdt/2)")
    for gh in (0.0025, 0.005, 0.01, 0.05, 0.1, 0.2):
        (tn, hn), (tl, hl) = free(gh / h, h)
        print(f"{gh:6.4f} {0:5.2f} | {tn:9.6f} {hn:9.6f} {'-':>9} | {tl:9.6f} {hl:9.6f} {'-':>9} | {1 / (1 - gh / 2):.6f}")
        for wh in (0.1, 0.2):
            a, b = oscillator(wh / h, gh / h, h)
            print(f"{gh:6.4f} {wh:5.2f} | {a[0]:9.6f} {a[1]:9.6f} {a[2]:9.6f} | {b[0]:9.6f} {b[1]:9.6f} {b[2]:9.6f} |")
    print("\nchain: wall | 2 Langevin atoms (m = 1) | 2 NVE (m = 1) | 4 NVE (m = 3); max over atoms of |T_kin/T - 1| at the sampled point")
    print(f"{'γ dt':>6} {'ω_max dt':>8} | {'NemdEngine':>10} {'LAMMPS':>10} | half-step T of a Langevin atom, NemdEngine / LAMMPS")
    A, L, m = chain()
    for gh in (0.01, 0.05, 0.2):
        for wh in (0.1, 0.2):
            fn, hn, _ = nemd(A * wh * wh, L, m, gh, h)
            fl, hl, _ = lammps(A * wh * wh, L, m, gh, h)
            print(f"{gh:6.3f} {wh:8.2f} | {np.abs(fn - 1).max():10.2e} {np.abs(fl - 1).max():10.2e} | {hn[0]:.5f} / {hl[0]:.5f}")


def fpu(replicas=4000, steps=12000, burn=2000, h=0.05, seed=1):
    """Sampled check beyond the linear case: wall | 2 Langevin | 2 NVE atoms, bonds V = r²/2 + r⁴/4
    at k_B T = 1 (strongly anharmonic; ω dt ≈ 0.1), both schemes (LAMMPS with uniform noise)."""
    rng = np.random.default_rng(seed)
    n, nres = 4, 2

    def accel(x):
        d = np.diff(np.concatenate([np.zeros((replicas, 1)), x], axis=1), axis=1)
        t = d + d ** 3
        a = -t.copy(); a[:, :-1] += t[:, 1:]
        return a
    print(f"\nanharmonic (FPU) chain, {replicas} replicas x {(steps - burn) * h:g} time units; T_kin per atom (Langevin, Langevin, NVE, NVE)")
    for gh in (0.01, 0.2):
        g = gh / h
        for scheme in ("NemdEngine", "LAMMPS"):
            x = np.zeros((replicas, n)); v = rng.standard_normal((replicas, n)); a = accel(x)
            f = np.zeros((replicas, n)); c = np.exp(-g * h); acc = np.zeros(n)
            for k in range(steps):
                if scheme == "NemdEngine":
                    v += h / 2 * a; x += h * v; a = accel(x); v += h / 2 * a
                    v[:, :nres] = c * v[:, :nres] + np.sqrt(1 - c * c) * rng.standard_normal((replicas, nres))
                else:
                    v += h / 2 * (a + f); x += h * v; a = accel(x)
                    f = np.zeros((replicas, n))
                    f[:, :nres] = -g * v[:, :nres] + np.sqrt(24 * g / h) * (rng.random((replicas, nres)) - 0.5)
                    v += h / 2 * (a + f)
                if k >= burn:
                    acc += (v * v).mean(axis=0)
            t = acc / (steps - burn)
            print(f"  γ dt = {gh:4.2f} {scheme:<10}: " + " ".join(f"{x:.4f}" for x in t))


if __name__ == "__main__":
    import sys
    main()
    if "--fpu" in sys.argv:
        fpu()
