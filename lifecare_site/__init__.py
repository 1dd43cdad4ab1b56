"""Build-time support for the Avbrottsrutin Lifecare SP site: data loading, validation, rendering."""
