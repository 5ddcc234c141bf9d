/* checklists: filled in below */
