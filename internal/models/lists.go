package models

// listMethods return every record that matches a filter (Prisma and
// adapter findMany, Sequelize findAll, TypeORM find/findBy, Mongoose find).
var listMethods = storeNames("findMany", "findAll", "find", "findBy", "findAndCount", "findAndCountAll")

// ListsRows reports a read that returns all the records matching its
// filter, rather than one record or a count.
func ListsRows(a *Access) bool {
	return a.Op == OpRead && (a.Kind == StoreORM || a.Kind == StorePrisma) && listMethods[a.Method]
}

// countMethods return how many records match a filter.
var countMethods = storeNames("count", "countBy", "countDocuments")

// CountsRows reports a read whose value is, or gives, how many records
// match its filter: a count, or a list whose length is taken.
func CountsRows(a *Access) bool {
	return a.Op == OpRead && (a.Kind == StoreORM || a.Kind == StorePrisma) && (countMethods[a.Method] || listMethods[a.Method])
}
