"""One composer per facet of a framework (overview, features, users, history, ...), each in its
own module; facets/base.py holds the shape they share."""
