"""tui-shishi: browse city 市办实事 plans and progress in a terminal."""
