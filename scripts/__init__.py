"""The commands behind make pdf, make offline, make bench, make parity and make firefox; run as python -m scripts.<name>
from the project folder, so the project is importable without changing sys.path."""
