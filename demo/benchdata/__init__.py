"""A realistic dataset at a chosen scale for the benchmarks (``manage.py bench_data``).

Built on the demo catalogue through the real models' tables: learners, enrollments,
submissions with their versions and reviews, and the awards of the learners who
meet the rules, all dated in the past. Rows are written with PostgreSQL's COPY.
"""
