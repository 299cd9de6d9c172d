"""Pages of submissions and reviews: learners, peers, facilitators, attendance."""
