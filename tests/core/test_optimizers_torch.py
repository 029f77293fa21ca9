"""Bit-level agreement with torch.optim itself, where PyTorch is installed (optional).

PyTorch is not a dependency of GD Studio; these tests run on developer machines that
have it (``pip install torch``) and are skipped elsewhere.
"""

import numpy as np
import pytest

from gdstudio.core.optimizers import make_optimizer

torch = pytest.importorskip("torch")

LR_SGD = 5e-4

CASES = [
    ("gd", lambda p: torch.optim.SGD(p, lr=LR_SGD), {}),
    ("gd", lambda p: torch.optim.SGD(p, lr=LR_SGD, weight_decay=0.1), {"weight_decay": 0.1}),
    ("momentum", lambda p: torch.optim.SGD(p, lr=LR_SGD, momentum=0.9), {}),
    ("momentum", lambda p: torch.optim.SGD(p, lr=LR_SGD, momentum=0.8, dampening=0.3),
     {"momentum": 0.8, "dampening": 0.3}),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=LR_SGD, momentum=0.9, nesterov=True), {}),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.05), {}),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.05, lr_decay=0.01, weight_decay=0.1),
     {"lr_decay": 0.01, "weight_decay": 0.1}),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.05), {}),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.05, alpha=0.9, momentum=0.5),
     {"rho": 0.9, "momentum": 0.5}),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.05), {}),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), weight_decay=0.1),
     {"beta1": 0.8, "beta2": 0.99, "weight_decay": 0.1}),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.05), {}),
]


@pytest.mark.parametrize("name,make_torch,hp", CASES)
def test_matches_torch_on_rosenbrock(name, make_torch, hp):
    def grad(t):
        x, y = t
        return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])

    theta = np.array([-1.5, 2.0])
    p = torch.tensor(theta.copy(), dtype=torch.float64, requires_grad=True)
    topt = make_torch([p])
    opt = make_optimizer(name, **hp)
    lr = topt.param_groups[0]["lr"]
    for k in range(300):
        g = grad(theta)
        p.grad = torch.tensor(grad(p.detach().numpy()), dtype=torch.float64)
        topt.step()
        opt.step(theta, g, lr)
        if k < 20:  # the same rounding but for torch's fused multiply-adds (1 ulp)
            np.testing.assert_allclose(theta, p.detach().numpy(), rtol=1e-14, atol=1e-15)
    # Rosenbrock's curved valley amplifies those last-bit differences over 300 steps
    np.testing.assert_allclose(theta, p.detach().numpy(), rtol=1e-6, atol=1e-12)
