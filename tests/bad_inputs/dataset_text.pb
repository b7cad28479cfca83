members: {id: 'm1'}
