"""The TOML reader, for configuration and for TOML front matter.

tomli when installed: the same parser as the standard library's tomllib (which was taken from
it), shipped compiled with mypyc, which reads the corpus's records 3x as fast (bench/dialects.py);
else tomllib (Python 3.11+).
"""
try:
    import tomli as toml
except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser
    import tomllib as toml

loads = toml.loads
TOMLDecodeError = toml.TOMLDecodeError
