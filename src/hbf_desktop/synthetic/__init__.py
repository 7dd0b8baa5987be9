"""The deterministic synthetic data generator of DATA-MODEL.md. Standard library only; never reads real data.

`generate(clients, seed, start_date, years, female_share=0.5)` streams interchange records (dicts);
`summarise(records)` gives the counts and shares to compare them with the parameters.
"""

from hbf_desktop.synthetic.generator import generate
from hbf_desktop.synthetic.summary import summarise

__all__ = ["generate", "summarise"]
