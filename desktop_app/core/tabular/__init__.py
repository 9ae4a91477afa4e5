"""Reading the tables offices keep in Excel, Word and CSV files.

``sources`` turns a file into grids of cell values (merged cells filled in, legacy
TCVN3/VNI text converted on request); ``layout`` finds the header among title rows, the
data rows between it and the totals or signature footer, group rows and repeated
headers; ``people`` and ``register`` read participants and activity-register rows out
of them with the conventions of Vietnamese office lists. Nothing here touches the
database: the services in ``core.services`` store what these modules read.
"""
