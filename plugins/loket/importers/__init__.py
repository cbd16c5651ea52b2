"""Importers that turn an existing catalogue into loket's YAML.

Entry point: `pipeline.import_sc` (`loket import sc FILE|URL`). It reads a Samenwerkende
Catalogi feed (sc.py), maps every record (mapping.py, text.py), merges with what an
earlier import wrote and editors changed since, writes the files (writer.py) and
reports (report.py). review.py turns what editors should check into `loket validate`
warnings; catalogue.py imports it, so this package keeps its imports in the modules.
"""
